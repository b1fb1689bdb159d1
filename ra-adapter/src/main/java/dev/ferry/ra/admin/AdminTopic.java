package dev.ferry.ra.admin;

import jakarta.jms.Topic;
import jakarta.resource.Referenceable;

import javax.naming.Reference;
import java.io.Serializable;
import java.util.Objects;

/**
 * A topic administered through the resource adapter (JCA 2.1 §13.4.2.3, admin objects): bound in JNDI by the
 * server with its physical name as the {@code Name} config property. Ferry's sessions accept it by name.
 */
public class AdminTopic implements Topic, Referenceable, Serializable {

    private static final long serialVersionUID = 1L;

    private String name;
    private Reference reference;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public String getTopicName() {
        return name;
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AdminTopic && Objects.equals(name, ((AdminTopic) other).name);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    @Override
    public String toString() {
        return "topic://" + name;
    }
}
