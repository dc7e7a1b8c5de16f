// The FlexVolume exec protocol (VOL-07, VOL-08): kubelet and kube-controller-manager run the driver binary
// /usr/libexec/kubernetes/kubelet-plugins/volume/exec/<vendor>~<driver>/<driver> once per operation, with the
// operation name first, then positional arguments and the volume options as one JSON object.
// Sources: pkg/volume/flexvolume/driver-call.go (commands, option keys, AppendSpec/NewOptionsForDriver),
// attacher.go, detacher.go, mounter.go, unmounter.go (argument order), plugin.go (executable path).
// Options are a Go map[string]string marshalled by encoding/json: keys sorted, <, > and & escaped as \u00XX.
// Left out: getvolumename (drivers answer "Not supported" and the spec name is used), expandvolume,
// expandfs, the exec timeout of waitforattach.
import { InputError } from '../../errors.ts';
import { flexDeviceMountPath } from '../volume/paths.ts';
import { escapeQualifiedName } from '../volume/plugins.ts';

export const FLEX_EXEC_DIR = '/usr/libexec/kubernetes/kubelet-plugins/volume/exec';

export type FlexOperation = 'init' | 'attach' | 'waitforattach' | 'mountdevice' | 'mount' | 'unmount' | 'unmountdevice' | 'detach' | 'isattached';

/** Who runs each operation: attach-side calls run in the attach/detach controller (VOL-03), the rest in kubelet. */
export const FLEX_CALLER: Readonly<Record<FlexOperation, 'kubelet' | 'kube-controller-manager'>> = {
  init: 'kubelet',
  attach: 'kube-controller-manager',
  isattached: 'kube-controller-manager',
  detach: 'kube-controller-manager',
  // WaitForAttach and MountDevice are steps of kubelet's MountVolume operation (operation_generator.go).
  waitforattach: 'kubelet',
  mountdevice: 'kubelet',
  mount: 'kubelet',
  unmount: 'kubelet',
  unmountdevice: 'kubelet',
};

/** "k8s/nfs" → /usr/libexec/kubernetes/kubelet-plugins/volume/exec/k8s~nfs/nfs */
export function flexDriverExecutable(driver: string): string {
  const name = driver.split('/').at(-1) ?? driver;
  return `${FLEX_EXEC_DIR}/${escapeQualifiedName(driver)}/${name}`;
}

/** A FlexVolume source as the driver sees it; specName is the PV name or the Pod's volume name. */
export interface FlexVolumeSpec {
  driver: string;
  specName: string;
  fsType?: string;
  readOnly?: boolean;
  options?: Readonly<Record<string, string>>;
}

/** What kubelet adds to mount's options (mounter.go SetUpAt). */
export interface FlexMountExtras {
  pod: { name: string; namespace: string; uid: string; serviceAccountName?: string };
  fsGroup?: number;
  /** The secretRef's data (base64 values), passed as kubernetes.io/secret/<key>. */
  secrets?: Readonly<Record<string, string>>;
}

/**
 * The options object (NewOptionsForDriver): kubernetes.io/fsType, kubernetes.io/readwrite ("ro"/"rw"),
 * kubernetes.io/pvOrVolumeName, then the extras, then the source's own options, each overriding earlier keys.
 */
export function flexOptions(spec: FlexVolumeSpec, extras?: FlexMountExtras): Record<string, string> {
  const options: Record<string, string> = {
    'kubernetes.io/fsType': spec.fsType ?? '',
    'kubernetes.io/readwrite': spec.readOnly === true ? 'ro' : 'rw',
    'kubernetes.io/pvOrVolumeName': spec.specName,
  };
  if (extras) {
    options['kubernetes.io/pod.name'] = extras.pod.name;
    options['kubernetes.io/pod.namespace'] = extras.pod.namespace;
    options['kubernetes.io/pod.uid'] = extras.pod.uid;
    options['kubernetes.io/serviceAccount.name'] = extras.pod.serviceAccountName ?? '';
    for (const [key, value] of Object.entries(extras.secrets ?? {})) options[`kubernetes.io/secret/${key}`] = value;
    if (extras.fsGroup !== undefined) options['kubernetes.io/mounterArgs.FsGroup'] = String(extras.fsGroup);
  }
  return { ...options, ...spec.options };
}

/** Go's json.Marshal of a map[string]string: sorted keys, HTML-safe escapes. */
export function goJson(options: Readonly<Record<string, string>>): string {
  const sorted = Object.keys(options)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(options[k])}`)
    .join(',');
  const escapes: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };
  return `{${sorted}}`.replace(/[<>&\u2028\u2029]/g, (c) => escapes[c] ?? c);
}

export interface FlexCall {
  operation: FlexOperation;
  caller: 'kubelet' | 'kube-controller-manager';
  executable: string;
  /** argv after the executable, operation first. */
  args: string[];
  /** Shell-quoted, for traces. */
  commandLine: string;
}

export interface FlexCallArgs {
  nodeName?: string;
  /** attach's answer ("device"), passed to waitforattach and mountdevice. */
  devicePath?: string;
  /** mount/unmount: the Pod volume directory; mountdevice/unmountdevice: the device mount directory. */
  mountDir?: string;
  /** detach's volume name; defaults to the spec name (GetVolumeName's fallback). */
  volumeName?: string;
  mountExtras?: FlexMountExtras;
}

const quote = (arg: string): string => (/^[\w@%+=:,./~-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`);

function need(value: string | undefined, what: string, op: FlexOperation): string {
  if (value === undefined) throw new InputError(`flexvolume ${op} needs ${what}`);
  return value;
}

/**
 * The exact argv of one driver call. Argument order per operation:
 *   init | attach <json> <node> | waitforattach <device> <json> | mountdevice <dir> <device> <json> |
 *   mount <dir> <json> | unmount <dir> | unmountdevice <dir> | detach <volume name> <node> |
 *   isattached <json> <node>
 */
export function flexCall(operation: FlexOperation, spec: FlexVolumeSpec, a: FlexCallArgs = {}): FlexCall {
  const json = () => goJson(flexOptions(spec));
  const node = () => need(a.nodeName, 'nodeName', operation);
  const dir = () => need(a.mountDir, 'mountDir', operation);
  const device = () => a.devicePath ?? '';
  const rest: Record<FlexOperation, () => string[]> = {
    init: () => [],
    attach: () => [json(), node()],
    waitforattach: () => [device(), json()],
    mountdevice: () => [dir(), device(), json()],
    mount: () => [dir(), goJson(flexOptions(spec, a.mountExtras))],
    unmount: () => [dir()],
    unmountdevice: () => [dir()],
    detach: () => [a.volumeName ?? spec.specName, node()],
    isattached: () => [json(), node()],
  };
  const args = [operation, ...rest[operation]()];
  const executable = flexDriverExecutable(spec.driver);
  return { operation, caller: FLEX_CALLER[operation], executable, args, commandLine: [executable, ...args].map(quote).join(' ') };
}

/**
 * The calls for one volume's life on one node (VOL-08): with attach support, attach → waitforattach →
 * mountdevice → mount and back unmount → unmountdevice → detach; without, only mount and unmount.
 * `init` runs once per process that loads the driver (kubelet; the controller too when it attaches).
 */
export function flexCallSequence(spec: FlexVolumeSpec, attach: boolean, a: FlexCallArgs & { deviceMountDir?: string } = {}): FlexCall[] {
  // The device mount directory defaults to plugins/kubernetes.io/flexvolume/<driver>/mounts/<volume name>.
  const device = { ...a, mountDir: a.deviceMountDir ?? flexDeviceMountPath(spec.driver, a.volumeName ?? spec.specName) };
  const ops: [FlexOperation, FlexCallArgs][] = attach
    ? [['init', a], ['attach', a], ['waitforattach', a], ['mountdevice', device], ['mount', a], ['unmount', a], ['unmountdevice', device], ['detach', a]]
    : [['init', a], ['mount', a], ['unmount', a]];
  return ops.map(([op, args]) => flexCall(op, spec, args));
}
