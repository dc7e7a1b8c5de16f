// Parsing what a FlexVolume driver prints (VOL-07, VOL-08), as pkg/volume/flexvolume/driver-call.go
// handleCmdResponse does: the output must be one JSON object; "Success" is the only good status; "Not
// supported" makes kubelet fall back to its built-in default for that call (and stop asking); any other
// status fails the call with "<cmd> command failed, status: <s>, reason: <message>". Capabilities start
// from kubelet's defaults (attach true, selinuxRelabel true, supportsMetrics false, fsGroup true,
// requiresFSResize true) and the reply overrides only the fields it names. Field names match as Go's
// encoding/json does: case-insensitively.

export interface FlexCapabilities {
  attach: boolean;
  selinuxRelabel: boolean;
  supportsMetrics: boolean;
  fsGroup: boolean;
  requiresFSResize: boolean;
}

export const DEFAULT_FLEX_CAPABILITIES: Readonly<FlexCapabilities> = {
  attach: true,
  selinuxRelabel: true,
  supportsMetrics: false,
  fsGroup: true,
  requiresFSResize: true,
};

export type FlexReply =
  | {
      ok: true;
      status: 'Success';
      message?: string;
      /** attach/waitforattach: the device path, e.g. /dev/xvdf. */
      device?: string;
      volumeName?: string;
      /** isattached. */
      attached: boolean;
      capabilities: FlexCapabilities;
    }
  | { ok: false; kind: 'not-supported'; error: 'Not supported' }
  | { ok: false; kind: 'failure'; status: string; message: string; error: string }
  | { ok: false; kind: 'malformed'; error: string };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const typeName = (v: Json): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v);

/** The value of the key matching `field` case-insensitively (an exact match wins, as in Go). */
function field(obj: { [key: string]: Json }, name: string): Json | undefined {
  if (name in obj) return obj[name];
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : obj[key];
}

/** Reads one field of the expected type; a wrong type is the kind of error json.Unmarshal returns. */
function typed<T extends 'string' | 'boolean'>(obj: { [key: string]: Json }, name: string, type: T, where: string): (T extends 'string' ? string : boolean) | undefined {
  const value = field(obj, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== type) throw new Error(`cannot unmarshal ${typeName(value)} into ${where}.${name} of type ${type === 'boolean' ? 'bool' : type}`);
  return value as T extends 'string' ? string : boolean;
}

/**
 * Parses the driver's output for `command` (used in the failure text). Malformed output (not JSON, not an
 * object, a field of the wrong type) → kind "malformed" with the reason.
 * Example: `{"status": "Success", "capabilities": {"attach": false}}` → ok, capabilities.attach false.
 */
export function parseFlexReply(command: string, output: string): FlexReply {
  let parsed: Json;
  try {
    parsed = JSON.parse(output) as Json;
  } catch (e) {
    const reason = output.trim() === '' ? 'unexpected end of JSON input' : (e as Error).message;
    return { ok: false, kind: 'malformed', error: `${command}: driver output is not JSON (${reason}): ${JSON.stringify(output)}` };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { ok: false, kind: 'malformed', error: `${command}: driver output is a JSON ${typeName(parsed)}, not an object: ${JSON.stringify(output)}` };
  }
  const reply = parsed;
  try {
    // Every field is decoded before the status is looked at: a type error anywhere wins, as in Go.
    const status = typed(reply, 'status', 'string', 'DriverStatus') ?? '';
    const message = typed(reply, 'message', 'string', 'DriverStatus');
    const attached = typed(reply, 'attached', 'boolean', 'DriverStatus') ?? false;
    const device = typed(reply, 'device', 'string', 'DriverStatus');
    const volumeName = typed(reply, 'volumeName', 'string', 'DriverStatus');
    const caps = field(reply, 'capabilities');
    // Go decodes null into a nil pointer, which init then dereferences (plugin.go NewFlexVolumePlugin).
    if (caps === null && command === 'init') throw new Error('"capabilities": null leaves kubelet without capabilities');
    if (caps !== undefined && caps !== null && typeName(caps) !== 'object') throw new Error(`cannot unmarshal ${typeName(caps)} into DriverStatus.Capabilities`);
    const capabilities: FlexCapabilities = { ...DEFAULT_FLEX_CAPABILITIES };
    if (caps !== undefined && caps !== null) {
      const c = caps as { [key: string]: Json };
      for (const name of Object.keys(DEFAULT_FLEX_CAPABILITIES) as (keyof FlexCapabilities)[]) {
        const value = typed(c, name, 'boolean', 'DriverCapabilities');
        if (value !== undefined) capabilities[name] = value;
      }
    }
    if (status === 'Not supported') return { ok: false, kind: 'not-supported', error: 'Not supported' };
    if (status !== 'Success') {
      const text = message ?? '';
      return { ok: false, kind: 'failure', status, message: text, error: `${command} command failed, status: ${status}, reason: ${text}` };
    }
    const result: Extract<FlexReply, { ok: true }> = { ok: true, status: 'Success', attached, capabilities };
    if (message !== undefined) result.message = message;
    if (device !== undefined) result.device = device;
    if (volumeName !== undefined) result.volumeName = volumeName;
    return result;
  } catch (e) {
    return { ok: false, kind: 'malformed', error: `${command}: ${(e as Error).message}` };
  }
}
