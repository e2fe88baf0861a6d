const counts = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const date = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });
const time = new Intl.DateTimeFormat('en', { timeStyle: 'short', timeZone: 'UTC' });

export function formatCount(n: number): string {
  return n < 10_000 ? n.toLocaleString('en') : counts.format(n);
}

/** "1 link", "1,200 links": a count with the word that fits it. */
export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export function formatDateTime(value: Date | string): string {
  return `${dateTime.format(new Date(value))} UTC`;
}

export function formatDate(value: Date | string): string {
  return date.format(new Date(value));
}

export function formatTime(value: Date | string): string {
  return `${time.format(new Date(value))} UTC`;
}

/** An API message ("a role named "x" exists") as a sentence for the page ("A role named "x" exists."). */
export function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
