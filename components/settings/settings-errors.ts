/** The fields of the settings form a server message can name. */
export type SettingsField = "name" | "url" | "logo" | "publicBaseUrl";

const fieldOfPath: Record<string, SettingsField> = {
  "publisher.name": "name",
  "publisher.url": "url",
  "publisher.logo": "logo",
  publicBaseUrl: "publicBaseUrl",
};

/**
 * Splits a `400`'s message (`describeIssues`: "publisher.url: must be an
 * http(s) URL; publicBaseUrl: Required") into the fields it names, so each
 * shows beside its input; what names no field (or `publisher` as a whole) is `rest`.
 */
export function fieldMessages(message: string): { byField: Partial<Record<SettingsField, string>>; rest: string[] } {
  const byField: Partial<Record<SettingsField, string>> = {};
  const rest: string[] = [];
  for (const part of message.split("; ")) {
    const match = /^([\w.]+): (.+)$/s.exec(part);
    const field = match ? fieldOfPath[match[1]] : undefined;
    if (field && match) byField[field] = byField[field] ? `${byField[field]}; ${match[2]}` : match[2];
    else rest.push(part);
  }
  return { byField, rest };
}
