/**
 * The pages' generated style sheet: the accent colour (validated as #rrggbb by the config) and a text
 * colour for it, black or white, whichever contrasts more, so buttons in any accent stay readable
 * (WCAG contrast: at least 4.5:1 against one of the two for every colour).
 */

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255);
  const [red = 0, green = 0, blue = 0] = channels.map((value) =>
    value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

const DARK_TEXT = '#111111';
const LIGHT_TEXT = '#ffffff';

export function accentTextColor(accent: string): string {
  const accentLuminance = luminance(accent);
  return contrast(accentLuminance, luminance(LIGHT_TEXT)) >= contrast(accentLuminance, luminance(DARK_TEXT))
    ? LIGHT_TEXT
    : DARK_TEXT;
}

export function themeCss(accent: string): string {
  return `:root { --accent: ${accent}; --accent-text: ${accentTextColor(accent)}; }\n`;
}
