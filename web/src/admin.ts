import { watch } from 'vue';
import { api, store } from './store';

/**
 * The operators' page's REST calls and wire types (docs/api.md, "Ads" and "Experiments"; admin routes), and the
 * Orleans dashboard's browser session: POST /auth/dashboard-session sets a short-lived cookie scoped to
 * /dashboard, so a plain link can open the dashboard in a new tab (the tab cannot send the bearer header).
 */

export interface Campaign { id: string; title: string; totalBudget: number; dailyBudget: number | null; paused: boolean; timeZone: string }
export interface HourlyDelivery { hour: string; impressions: number; clicks: number }
export interface CampaignReport {
  campaignId: string; impressions: number; clicks: number; ctr: number; pending: number; remainingBudget: number;
  deliveredToday: number; remainingToday: number | null; pacing: string; pacingTarget: number | null;
  byHour: HourlyDelivery[]; at: string;
}
export interface Experiment { name: string; status: string; variants: { name: string; share: number }[]; startsAt: string; stopsAt: string | null }
export interface MetricEstimate { metric: string; value: number; low: number; high: number; method: string }
export interface VariantReport { variant: string; counts: { impressions: number; likes: number; saves: number }; metrics: MetricEstimate[] }
export interface ExperimentReport {
  experiment: string; status: string; baseline: string; generatedAt: string;
  variants: VariantReport[]; comparisons: { variant: string; differences: MetricEstimate[] }[];
}
export interface DashboardSession { path: string; expiresAt: string }

export async function campaignReports(): Promise<{ campaign: Campaign; report: CampaignReport }[]> {
  const { items } = await api.request<{ items: Campaign[] }>('GET', '/ads/campaigns');
  return Promise.all(items.map(async campaign => ({
    campaign,
    report: await api.request<CampaignReport>('GET', `/ads/campaigns/${encodeURIComponent(campaign.id)}/report`),
  })));
}

export async function experimentReports(): Promise<{ experiment: Experiment; report: ExperimentReport }[]> {
  const { items } = await api.request<{ items: Experiment[] }>('GET', '/experiments');
  return Promise.all(items.map(async experiment => ({
    experiment,
    report: await api.request<ExperimentReport>('GET', `/experiments/${encodeURIComponent(experiment.name)}/report`),
  })));
}

let sessionOpened = false;

export async function openDashboardSession(): Promise<DashboardSession> {
  const session = await api.request<DashboardSession>('POST', '/auth/dashboard-session');
  sessionOpened = true;
  return session;
}

// Signing out clears the dashboard's cookie too (with the token being signed out, the last one that can ask).
watch(() => store.token, (token, previous) => {
  if (token || !previous || !sessionOpened) return;
  sessionOpened = false;
  void fetch('/api/v1/auth/dashboard-session', { method: 'DELETE', headers: { Authorization: `Bearer ${previous}` } }).catch(() => undefined);
});
