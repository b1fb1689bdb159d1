package dev.ferry.bench.provider;

/**
 * Where a persistent send or a transaction commit has arrived when the call returns. Numbers are compared
 * fairly only between providers with the same level.
 *
 * @param level     {@code disk} (flushed with fsync/fdatasync before returning), {@code os} (handed to the
 *                  operating system, lost on power failure), or {@code memory} (still in the JVM; reaches
 *                  the OS shortly after)
 * @param statement one line saying how the level was established
 */
public record Durability(String level, String statement) {

    public static final String DISK = "disk";
    public static final String OS = "os";
    public static final String MEMORY = "memory";

    public static Durability disk(String statement) {
        return new Durability(DISK, statement);
    }

    public static Durability os(String statement) {
        return new Durability(OS, statement);
    }

    public static Durability memory(String statement) {
        return new Durability(MEMORY, statement);
    }
}
