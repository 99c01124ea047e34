package io.parley.agent.session.lifecycle;

/** Told once about each session the {@link SessionTracker} ends; must not block. */
public interface SessionEndListener {

  void sessionEnded(SessionSummary summary);
}
