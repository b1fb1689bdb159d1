package dev.ferry.jms.spec;

import jakarta.jms.TextMessage;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A TextMessage of "another provider": a bare map-backed implementation, so that tests can prove foreign
 * messages are sent (JMS 3.1 §3.12) and that their headers are set on the application's object.
 */
public final class ForeignTextMessage {

    private ForeignTextMessage() {
    }

    public static TextMessage create(String text) {
        Map<String, Object> headers = new HashMap<>();
        Map<String, Object> properties = new LinkedHashMap<>();
        headers.put("Text", text);
        headers.put("JMSPriority", 4);
        headers.put("JMSDeliveryMode", 2);
        InvocationHandler handler = (proxy, method, args) -> invoke(headers, properties, method, args);
        return (TextMessage) Proxy.newProxyInstance(ForeignTextMessage.class.getClassLoader(),
                new Class<?>[] {TextMessage.class}, handler);
    }

    private static Object invoke(Map<String, Object> headers, Map<String, Object> properties, Method method,
                                 Object[] args) {
        String name = method.getName();
        switch (name) {
            case "getPropertyNames":
                return Collections.enumeration(properties.keySet());
            case "propertyExists":
                return properties.containsKey((String) args[0]);
            case "getObjectProperty":
            case "getStringProperty":
                return properties.get((String) args[0]);
            case "clearProperties":
                properties.clear();
                return null;
            case "toString":
                return "ForeignTextMessage" + headers;
            case "hashCode":
                return System.identityHashCode(headers);
            case "equals":
                return args[0] == headers;
            default:
                break;
        }
        if (name.startsWith("set") && name.endsWith("Property")) {
            properties.put((String) args[0], args[1]);
            return null;
        }
        if (name.startsWith("set")) {
            headers.put(name.substring(3), args[0]);
            return null;
        }
        if (name.startsWith("get")) {
            Object value = headers.get(name.substring(3));
            Class<?> type = method.getReturnType();
            if (value == null && type.isPrimitive()) {
                return type == boolean.class ? Boolean.FALSE : type == long.class ? 0L : (Object) 0;
            }
            return value;
        }
        throw new UnsupportedOperationException(name);
    }
}
