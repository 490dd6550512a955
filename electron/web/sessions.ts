/**
 * The web host's page sessions. Every page (browser tab) has services of its own: its datasets,
 * jobs, results and revisions, and its own event streams, so two tabs never see each other's
 * work. A page names its session by an id it keeps for its lifetime (see webTransport.ts: a
 * reload keeps it, another tab makes its own).
 *
 * A session whose page has gone (no event stream open, no call in flight) for graceMs is
 * released: its jobs are cancelled, its datasets and results dropped. A reload reconnects well
 * within the grace period and finds everything still there. At most maxSessions are held; a
 * new page then replaces the longest-idle one whose page has gone, or is refused.
 */
import type { ServerResponse } from 'node:http';
import type { WorkbenchEvent } from '../../shared/ipc/contract';
import type { Handlers } from '../services/api';
import { RequestError } from './http';

/** What a session runs on (createServices' result fits). */
export interface SessionServices {
  handlers: Handlers;
  /** Cancels the session's jobs and drops its datasets and results. */
  release(): void;
}

export type OpenSession = (emit: (event: WorkbenchEvent) => void) => SessionServices;

/** A session id as pages make them: a random UUID. */
const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isSessionId(value: unknown): value is string {
  return typeof value === 'string' && SESSION_ID.test(value);
}

interface Session {
  id: string;
  services: SessionServices;
  streams: Set<ServerResponse>;
  calls: number;
  lastActive: number;
  releaseTimer?: NodeJS.Timeout | undefined;
}

/** Server-sent events to one stream, unless it has gone. */
function write(stream: ServerResponse, text: string): void {
  if (!stream.writableEnded && !stream.destroyed) stream.write(text);
}

export class PageSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly options: { open: OpenSession; graceMs: number; maxSessions: number },
  ) {}

  /** The session of this id, opened on first use; a 503 when the host already serves its most live pages. */
  private session(id: string): Session {
    const existing = this.sessions.get(id);
    if (existing) return existing;
    if (this.sessions.size >= this.options.maxSessions && !this.releaseIdlest())
      throw new RequestError(
        503,
        `This web host already serves ${this.options.maxSessions} open pages. Close a Shrinkage tab you no longer use, then reload this one.`,
      );
    const session: Session = {
      id,
      streams: new Set(),
      calls: 0,
      lastActive: Date.now(),
      services: undefined as never,
    };
    session.services = this.options.open((event) => {
      const text = `data: ${JSON.stringify(event)}\n\n`;
      for (const stream of session.streams) write(stream, text);
    });
    this.sessions.set(id, session);
    this.scheduleRelease(session);
    return session;
  }

  /** Runs one call in the session; the session stays while it runs. */
  async call<T>(id: string, run: (handlers: Handlers) => Promise<T>): Promise<T> {
    const session = this.session(id);
    this.touch(session);
    session.calls++;
    try {
      return await run(session.services.handlers);
    } finally {
      session.calls--;
      this.touch(session);
      this.scheduleRelease(session);
    }
  }

  /** Adds an event stream to the session. */
  attach(id: string, stream: ServerResponse): void {
    const session = this.session(id);
    this.touch(session);
    session.streams.add(stream);
    stream.on('close', () => {
      session.streams.delete(stream);
      this.touch(session);
      this.scheduleRelease(session);
    });
  }

  /** A comment line to every stream, so proxies and browsers keep them open. */
  keepAlive(): void {
    for (const session of this.sessions.values())
      for (const stream of session.streams) write(stream, ': keep-alive\n\n');
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Ends every stream and releases every session (the host is closing). */
  close(): void {
    for (const session of [...this.sessions.values()]) {
      for (const stream of session.streams) stream.end();
      this.release(session);
    }
  }

  private touch(session: Session): void {
    session.lastActive = Date.now();
    clearTimeout(session.releaseTimer);
    session.releaseTimer = undefined;
  }

  private gone(session: Session): boolean {
    return session.streams.size === 0 && session.calls === 0;
  }

  private scheduleRelease(session: Session): void {
    if (!this.gone(session) || session.releaseTimer) return;
    session.releaseTimer = setTimeout(() => {
      if (this.gone(session)) this.release(session);
    }, this.options.graceMs);
    session.releaseTimer.unref();
  }

  /** Releases the longest-idle session whose page has gone; false when every page is live. */
  private releaseIdlest(): boolean {
    const idle = [...this.sessions.values()]
      .filter((session) => this.gone(session))
      .sort((a, b) => a.lastActive - b.lastActive)[0];
    if (idle) this.release(idle);
    return idle !== undefined;
  }

  private release(session: Session): void {
    clearTimeout(session.releaseTimer);
    if (this.sessions.get(session.id) !== session) return;
    this.sessions.delete(session.id);
    session.services.release();
  }
}
