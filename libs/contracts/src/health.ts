export type HealthState = 'up' | 'down';

export interface HealthPart {
  status: HealthState;
  detail?: string;
  [k: string]: unknown;
}

export interface HealthReport {
  status: HealthState;
  parts: Record<string, HealthPart>;
}

export interface MediaHealth {
  status: HealthState;
  workers: Array<{ pid: number; alive: boolean; routers: number; consumers: number }>;
}
