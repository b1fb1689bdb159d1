package dev.ferry.jms.connection;

import jakarta.jms.ConnectionMetaData;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** What the provider is and which JMSX properties it supports (JMS 3.1 §3.5.9, §6.1.3). */
public final class FerryConnectionMetaData implements ConnectionMetaData {

    public static final FerryConnectionMetaData INSTANCE = new FerryConnectionMetaData();

    public static final String PROVIDER_NAME = "Ferry";

    /** Used when the classes do not come from a jar with a manifest (tests, IDE). */
    static final String FALLBACK_VERSION = "0.1.0";

    private static final List<String> JMSX_PROPERTIES = List.of("JMSXDeliveryCount", "JMSXGroupID", "JMSXGroupSeq");

    private final String providerVersion;
    private final int providerMajor;
    private final int providerMinor;

    private FerryConnectionMetaData() {
        String version = FerryConnectionMetaData.class.getPackage().getImplementationVersion();
        providerVersion = version == null || version.isBlank() ? FALLBACK_VERSION : version;
        int[] numbers = parse(providerVersion);
        providerMajor = numbers[0];
        providerMinor = numbers[1];
    }

    static int[] parse(String version) {
        int[] numbers = new int[2];
        String[] parts = version.split("[.\\-]");
        for (int i = 0; i < 2 && i < parts.length; i++) {
            try {
                numbers[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                break;
            }
        }
        return numbers;
    }

    @Override
    public String getJMSVersion() {
        return "3.1";
    }

    @Override
    public int getJMSMajorVersion() {
        return 3;
    }

    @Override
    public int getJMSMinorVersion() {
        return 1;
    }

    @Override
    public String getJMSProviderName() {
        return PROVIDER_NAME;
    }

    @Override
    public String getProviderVersion() {
        return providerVersion;
    }

    @Override
    public int getProviderMajorVersion() {
        return providerMajor;
    }

    @Override
    public int getProviderMinorVersion() {
        return providerMinor;
    }

    @Override
    public Enumeration<String> getJMSXPropertyNames() {
        return Collections.enumeration(JMSX_PROPERTIES);
    }
}
