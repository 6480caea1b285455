// Per-account and per-severity routing: each destination sees only the alerts its filter admits.
import type { AlertSink, RunSummary, SuppressionNotice } from '../detect/sinks/types.ts';
import { alertSeverityOrder, type Alert, type AlertSeverity } from '../detect/types.ts';

export interface Route {
  minSeverity?: AlertSeverity;
  accounts?: string[];
}

export function routeAdmits(route: Route, alert: Alert): boolean {
  if (route.minSeverity !== undefined && alertSeverityOrder.indexOf(alert.severity) < alertSeverityOrder.indexOf(route.minSeverity)) return false;
  if (route.accounts !== undefined && (alert.accountId === undefined || !route.accounts.includes(alert.accountId))) return false;
  return true;
}

/** A sink behind a filter: alerts the route does not admit are not this destination's business (not a failure). */
export class RoutedSink implements AlertSink {
  readonly name: string;
  readonly #inner: AlertSink;
  readonly #route: Route;
  /** Alerts this destination admitted and received. */
  sent = 0;
  constructor(name: string, inner: AlertSink, route: Route) {
    this.name = name;
    this.#inner = inner;
    this.#route = route;
  }
  async send(alert: Alert): Promise<void> {
    if (!routeAdmits(this.#route, alert)) return;
    await this.#inner.send(alert);
    this.sent++;
  }
  notice(n: SuppressionNotice): Promise<void> {
    return this.#inner.notice(n);
  }
  close(summary: RunSummary): Promise<void> {
    return this.#inner.close(summary);
  }
}
