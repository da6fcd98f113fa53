package io.slurmops.adapters.chat.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;

/**
 * The Web API calls the adapter makes, with the bot token, retried on HTTP 429. slack-api-client's
 * synchronous {@link MethodsClient} does not retry a rate-limited call: it throws
 * {@link SlackApiException} with status 429 and a {@code Retry-After} header (seconds); only its async
 * client queues and retries, and that one also throttles by tier. So we wait what Slack asked and try
 * again, a bounded number of times.
 */
final class SlackWebApi {

    private static final Logger LOG = LoggerFactory.getLogger(SlackWebApi.class);

    static final int MAX_ATTEMPTS = 5;
    static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private final MethodsClient methods;
    private final Cache<String, SlackUser> users = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(1)).maximumSize(10_000).build();

    SlackWebApi(MethodsClient methods) {
        this.methods = methods;
    }

    /** A Web API call; IOException = Slack unreachable, SlackApiException = an HTTP error status. */
    @FunctionalInterface
    interface Call<T> {
        T run(MethodsClient methods) throws IOException, SlackApiException;
    }

    /** Who the bot token belongs to; failures go to the caller as they are (start-up explains them). */
    AuthTestResponse authTest() throws IOException, SlackApiException {
        return methods.authTest(r -> r);
    }

    String postMessage(String channel, String threadTs, SlackMessage message) {
        ChatPostMessageResponse r = call("chat.postMessage", m -> m.chatPostMessage(b -> b
                .channel(channel).threadTs(threadTs).text(message.text()).blocks(message.blocks())
                .unfurlLinks(false).unfurlMedia(false)));
        return r.getTs();
    }

    void update(String channel, String ts, SlackMessage message) {
        call("chat.update", m -> m.chatUpdate(b -> b.channel(channel).ts(ts).text(message.text())
                .blocks(message.blocks())));
    }

    void react(String channel, String ts, String name) {
        try {
            call("reactions.add", m -> m.reactionsAdd(b -> b.channel(channel).timestamp(ts).name(name)));
        } catch (SlackCallException e) {
            if (!"already_reacted".equals(e.error())) {
                throw e;
            }
        }
    }

    /** files.getUploadURLExternal + upload + files.completeUploadExternal, via the SDK's filesUploadV2. */
    void upload(String channel, String threadTs, String fileName, String content, String comment) {
        call("files.uploadV2", m -> m.filesUploadV2(b -> b.channel(channel).threadTs(threadTs)
                .filename(fileName).title(fileName).content(content).initialComment(comment)));
    }

    /** A file's bytes (a chart, a postmortem) into a thread, by the same two-step upload. */
    void uploadFile(String channel, String threadTs, String fileName, byte[] data) {
        call("files.uploadV2", m -> m.filesUploadV2(b -> b.channel(channel).threadTs(threadTs)
                .filename(fileName).title(fileName).fileData(data)));
    }

    /** Who a user id is: a display name for replies and the audit, and whether it is a bot. */
    record SlackUser(String id, String name, boolean bot) {
    }

    /** users.info, cached for an hour; when Slack does not say, the id stands for the name. */
    SlackUser user(String userId) {
        SlackUser cached = users.getIfPresent(userId);
        if (cached != null) {
            return cached;
        }
        try {
            UsersInfoResponse r = call("users.info", m -> m.usersInfo(b -> b.user(userId)));
            SlackUser user = new SlackUser(userId, displayName(r.getUser(), userId),
                    r.getUser() != null && r.getUser().isBot());
            users.put(userId, user);
            return user;
        } catch (SlackCallException e) {
            LOG.warn("slack: users.info for {} failed ({}); showing the id", userId, e.getMessage());
            return new SlackUser(userId, userId, false);
        }
    }

    private static String displayName(User user, String fallback) {
        if (user == null) {
            return fallback;
        }
        User.Profile p = user.getProfile();
        if (p != null && p.getDisplayName() != null && !p.getDisplayName().isBlank()) {
            return p.getDisplayName();
        }
        if (user.getRealName() != null && !user.getRealName().isBlank()) {
            return user.getRealName();
        }
        return user.getName() != null && !user.getName().isBlank() ? user.getName() : fallback;
    }

    <T extends SlackApiTextResponse> T call(String method, Call<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                T response = call.run(methods);
                if (!response.isOk()) {
                    throw new SlackCallException(method, response.getError(), null);
                }
                return response;
            } catch (SlackApiException e) {
                if (e.getResponse().code() != 429 || attempt >= MAX_ATTEMPTS) {
                    throw new SlackCallException(method, "HTTP " + e.getResponse().code(), e);
                }
                Duration wait = retryAfter(e.getResponse().header("Retry-After"));
                LOG.warn("slack: {} rate-limited, retrying in {} s (attempt {}/{})", method, wait.toSeconds(),
                        attempt, MAX_ATTEMPTS);
                sleep(wait);
            } catch (IOException e) {
                throw new SlackCallException(method, "unreachable: " + e.getMessage(), e);
            }
        }
    }

    static Duration retryAfter(String header) {
        try {
            long seconds = Long.parseLong(header == null ? "1" : header.strip());
            return Duration.ofSeconds(Math.max(1, Math.min(seconds, MAX_WAIT.toSeconds())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackCallException("retry", "interrupted", e);
        }
    }

    /** A Web API call that failed for good; {@link #error()} is Slack's error code, e.g. "channel_not_found". */
    static final class SlackCallException extends RuntimeException {
        private final String error;

        SlackCallException(String method, String error, Throwable cause) {
            super("slack: " + method + " failed: " + error, cause);
            this.error = error;
        }

        String error() {
            return error;
        }
    }
}
