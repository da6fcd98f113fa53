package io.slurmops.commands.reply;

/** The overall verdict of a reply; adapters map it to an emoji or colour. */
public enum Status {
    OK("✅"), INFO("ℹ️"), WARNING("⚠️"), CRITICAL("🔴"), ERROR("❌"), PENDING("⏳");

    private final String emoji;

    Status(String emoji) {
        this.emoji = emoji;
    }

    public String emoji() {
        return emoji;
    }

    /** The worse of two verdicts, so a reply can fold the status of its parts. */
    public Status worst(Status other) {
        return severity(other) > severity(this) ? other : this;
    }

    private static int severity(Status s) {
        return switch (s) {
            case OK, INFO -> 0;
            case PENDING -> 1;
            case WARNING -> 2;
            case CRITICAL -> 3;
            case ERROR -> 4;
        };
    }
}
