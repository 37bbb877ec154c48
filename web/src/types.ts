// The wire shapes of docs/api.md that the screens read. Pushes and snapshots carry the same JSON as the REST
// answers, so one set of types serves both.

export interface PaletteEntry { colour: string; weight: number }
export interface Garment { slot: string; category: string; colour: string }

export interface Look {
  id: string;
  title: string;
  imageUrl: string | null;
  gender: string;
  seasons: string[];
  occasions: string[];
  palette: PaletteEntry[];
  garments: Garment[];
}

export interface Reason { kind: string; key: string | null; contribution: number; text: string }
export interface RankedLook { look: Look; score: number; reasons: Reason[] }
export interface LookList { version: number; generatedAt: string; items: RankedLook[] }
export interface SimilarLooks { lookId: string; generatedAt: string; items: RankedLook[] }

export interface Style { index: number; key: string; nameKo: string; group: string }

export interface AdCreative {
  id: string; title: string; imageUrl: string | null; link: string; lookId: string | null; itemSlot: string | null;
}
export interface RankedAd { campaign: AdCreative; score: number; reasons: Reason[] }
export interface AdSlate { version: number; generatedAt: string; items: RankedAd[] }

export interface Taste { version: number; styles: Record<string, number> | { key: string; score: number }[] }

export interface Snapshot { version: number; taste: Taste; looks: LookList; ads: AdSlate; closet: unknown; outfits: unknown }

export interface Me { userId: string; version: number; surveyCompleted: boolean; signalsApplied: number }
export interface TokenResponse { accessToken: string; expiresAt: string }
export interface SignalAck { accepted: number; duplicates: number; version: number }

export type SignalType = 'like' | 'unlike' | 'dislike' | 'save' | 'dwell' | 'skip';
export interface SignalInput { id: string; type: SignalType; lookId: string; dwellMs?: number }

/** RFC 9457 Problem Details as the Api writes them. */
export interface Problem { type?: string; title?: string; status?: number; detail?: string; errors?: Record<string, string[]> }
