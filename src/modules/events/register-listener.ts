import { Client } from 'pg';
import { REGISTER_CHANNEL } from './register-notice';

export interface RegisterListenerOptions {
  url: string;
  /** Shown in `pg_stat_activity.application_name` (at most 63 characters). */
  applicationName: string;
  connectTimeoutMs: number;
  /** Every payload on the channel, in arrival order. */
  onPayload(payload: string | undefined): void;
  /** After a connection was lost and is back: notifications of the gap were missed. */
  onReconnected(): Promise<void>;
  onLost(err: Error): void;
  /** Retry after `minDelayMs`, doubling up to `maxDelayMs`, with jitter. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** How often the idle connection is probed, so a silently dead one is noticed. */
  heartbeatMs?: number;
}

export type ListenerState = 'stopped' | 'listening' | 'reconnecting';

/**
 * Holds one dedicated PostgreSQL connection (not the pool's: a pooled connection could be handed to a request, and
 * LISTEN belongs to the session) listening on the register channel. When the connection dies it reconnects with
 * backoff by itself and then reports `onReconnected`, because notifications sent during the gap are gone.
 */
export class RegisterListener {
  private client?: Client;
  private timer?: NodeJS.Timeout;
  private heartbeat?: NodeJS.Timeout;
  private attempt = 0;
  private stopped = false;
  private currentState: ListenerState = 'stopped';
  private listeningSince?: Date;
  private reconnectCount = 0;

  constructor(private readonly options: RegisterListenerOptions) {}

  get state(): ListenerState {
    return this.currentState;
  }

  get status() {
    return { state: this.currentState, listeningSince: this.listeningSince?.toISOString() ?? null, reconnects: this.reconnectCount };
  }

  /** Connects and listens; when the first attempt fails it keeps retrying in the background and rethrows. */
  async start(): Promise<void> {
    this.stopped = false;
    const every = this.options.heartbeatMs ?? 15_000;
    this.heartbeat = setInterval(() => void this.probe(), every).unref();
    try {
      await this.connect();
    } catch (e) {
      this.currentState = 'reconnecting';
      this.schedule();
      throw e;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.currentState = 'stopped';
    clearTimeout(this.timer);
    clearInterval(this.heartbeat);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const { url, applicationName, connectTimeoutMs } = this.options;
    const client = new Client({
      connectionString: url,
      application_name: applicationName,
      connectionTimeoutMillis: connectTimeoutMs,
      query_timeout: connectTimeoutMs,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('listener connection ended')));
    client.on('notification', (n) => {
      if (n.channel === REGISTER_CHANNEL) this.options.onPayload(n.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${REGISTER_CHANNEL}`);
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
    if (this.stopped) return void (await client.end().catch(() => undefined));
    this.client = client;
    this.attempt = 0;
    this.currentState = 'listening';
    this.listeningSince = new Date();
  }

  private lost(client: Client, err: Error): void {
    if (client !== this.client || this.stopped) return;
    this.client = undefined;
    this.currentState = 'reconnecting';
    this.listeningSince = undefined;
    void client.end().catch(() => undefined);
    this.options.onLost(err);
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    const min = this.options.minDelayMs ?? 200;
    const max = this.options.maxDelayMs ?? 10_000;
    const delay = Math.min(max, min * 2 ** this.attempt++) * (0.5 + Math.random() / 2);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reconnect(), delay);
    this.timer.unref();
  }

  private async reconnect(): Promise<void> {
    try {
      await this.connect();
    } catch {
      return this.schedule();
    }
    if (this.stopped) return;
    this.reconnectCount++;
    await this.options.onReconnected().catch(() => undefined);
  }

  private async probe(): Promise<void> {
    const client = this.client;
    if (!client || this.currentState !== 'listening') return;
    try {
      await client.query('SELECT 1');
    } catch (e) {
      this.lost(client, e as Error);
    }
  }
}
