// Swatches for the 21 colour names of docs/styles.md, so a look without a photo can be drawn from its palette.
export const swatch: Record<string, string> = {
  black: '#1b1b1b', white: '#f6f6f2', gray: '#8e8e8e', red: '#c8102e', pink: '#f4a6c0', orange: '#f28c28',
  beige: '#d9c7a7', brown: '#7b4a2a', yellow: '#f5d033', green: '#2e8b57', khaki: '#8f8a5a', mint: '#9fe2c8',
  blue: '#1f5fbf', navy: '#1c2a4a', skyblue: '#8cc8f0', purple: '#6a3d9a', lavender: '#c8b6e2', wine: '#6d1f33',
  neon: '#c6f432', gold: '#c9a227', silver: '#c0c0c8',
};

export function hex(colour: string): string {
  return swatch[colour] ?? '#9a9a9a';
}
