// kubectl's human-readable durations: HumanDuration from k8s.io/apimachinery/pkg/util/duration
// (duration.go), used for the AGE column and the "(5m ago)" of RESTARTS. About 2–3 significant figures:
//   0–119 s → "0s".."119s";  2–9 min → "2m", "2m5s";  10 min–3 h → "10m".."179m";
//   3–8 h → "3h", "3h5m";  8–48 h → "8h".."47h";  2–8 days → "2d", "2d5h";  8 days–2 years → "8d".."729d";
//   2–8 years → "2y", "2y10d";  from 8 years → "8y".
// Up to 1 s in the future counts as now ("0s", clock skew); further ahead is "<invalid>".
const MINUTE = 60;
const HOUR = 60 * MINUTE;

/** Go's int(x): truncation toward zero. */
const int = (x: number): number => Math.trunc(x);

/** HumanDuration of a duration given in seconds (fractions allowed, as Go's nanoseconds). */
export function humanDuration(seconds: number): string {
  const whole = int(seconds);
  if (whole < -1) return '<invalid>';
  if (whole < 0) return '0s';
  if (whole < 2 * MINUTE) return `${whole}s`;
  const minutes = int(seconds / MINUTE);
  if (minutes < 10) {
    const s = whole % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 3 * 60) return `${minutes}m`;
  const hours = int(seconds / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = int(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = int(days / 365);
  if (hours < 24 * 365 * 8) {
    const d = days % 365;
    return d === 0 ? `${years}y` : `${years}y${d}d`;
  }
  return `${years}y`;
}

/** The printers' translateTimestampSince: "<unknown>" for an unset time, else its age at `now`. */
export function timestampAge(timestamp: string | undefined, now: Date): string {
  if (!timestamp) return '<unknown>';
  return humanDuration((now.getTime() - Date.parse(timestamp)) / 1000);
}
