package io.slurmops.adapters.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One append-only audit row. Outputs are never stored, only their SHA-256.
 *
 * @param id         assigned by the store (0 before it is written)
 * @param requestId  the approval request, 0 for none
 * @param hostExits  per-host exit codes, folded: "node[001-003]=0 node004=1"
 * @param durationMs null when not timed
 */
public record AuditEntry(long id, Instant at, long requestId, AuditKind kind, String actorId, String actorName,
                         String platform, String channelId, String commandLine, String planHash, String detail,
                         String hostExits, Long durationMs, String outputSha256) {

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        actorId = actorId == null ? "" : actorId;
        actorName = actorName == null ? actorId : actorName;
        platform = platform == null ? "" : platform;
        channelId = channelId == null ? "" : channelId;
        commandLine = commandLine == null ? "" : commandLine;
        detail = detail == null ? "" : detail;
    }

    public static Builder of(AuditKind kind, Instant at) {
        return new Builder(kind, at);
    }

    /** Fills the fields one concern at a time; unset ones stay empty. */
    public static final class Builder {
        private final AuditKind kind;
        private final Instant at;
        private long requestId;
        private String actorId = "";
        private String actorName = "";
        private String platform = "";
        private String channelId = "";
        private String line = "";
        private String planHash;
        private String detail = "";
        private String hostExits;
        private Long durationMs;
        private String outputSha256;

        private Builder(AuditKind kind, Instant at) {
            this.kind = kind;
            this.at = at;
        }

        public Builder request(long id) {
            this.requestId = id;
            return this;
        }

        public Builder actor(String id, String name) {
            this.actorId = id;
            this.actorName = name;
            return this;
        }

        public Builder where(String platform, String channelId) {
            this.platform = platform;
            this.channelId = channelId;
            return this;
        }

        public Builder line(String line) {
            this.line = line;
            return this;
        }

        public Builder planHash(String hash) {
            this.planHash = hash;
            return this;
        }

        public Builder detail(String detail) {
            this.detail = detail;
            return this;
        }

        public Builder execution(String hostExits, long durationMs, String outputSha256) {
            this.hostExits = hostExits;
            this.durationMs = durationMs;
            this.outputSha256 = outputSha256;
            return this;
        }

        /** Copies who/where/what from the request the row is about. */
        public Builder about(RequestRecord r) {
            this.requestId = r.id();
            this.platform = r.platform();
            this.channelId = r.channelId();
            this.line = r.line();
            this.planHash = r.planHash();
            if (actorId.isEmpty()) {
                actorId = r.requesterId();
                actorName = r.requesterName();
            }
            return this;
        }

        public AuditEntry build() {
            return new AuditEntry(0, at, requestId, kind, actorId, actorName, platform, channelId, line, planHash,
                    detail, hostExits, durationMs, outputSha256);
        }
    }
}
