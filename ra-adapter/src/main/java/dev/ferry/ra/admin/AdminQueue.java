package dev.ferry.ra.admin;

import jakarta.jms.Queue;
import jakarta.resource.Referenceable;

import javax.naming.Reference;
import java.io.Serializable;
import java.util.Objects;

/**
 * A queue administered through the resource adapter (JCA 2.1 §13.4.2.3, admin objects): bound in JNDI by the
 * server with its physical name as the {@code Name} config property. Ferry's sessions accept it by name.
 */
public class AdminQueue implements Queue, Referenceable, Serializable {

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
    public String getQueueName() {
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
        return other instanceof AdminQueue && Objects.equals(name, ((AdminQueue) other).name);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    @Override
    public String toString() {
        return "queue://" + name;
    }
}
