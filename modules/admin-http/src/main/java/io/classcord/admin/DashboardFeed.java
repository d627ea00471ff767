package io.classcord.admin;

import io.classcord.admin.dashboard.LiveFeed;
import io.classcord.engine.ChatActivity;
import io.classcord.engine.EngineListener;

/**
 * What the teacher's dashboard shows live and as recent figures (messages per minute, security
 * events), fed by the engine: give it to {@code ChatServer.start} (with the metrics, see
 * {@link EngineListener#both}) and to {@link AdminServer#start}.
 */
public final class DashboardFeed implements EngineListener {

    private final LiveFeed live = new LiveFeed();

    @Override
    public void activity(ChatActivity event) {
        live.record(event);
    }

    LiveFeed live() {
        return live;
    }
}
