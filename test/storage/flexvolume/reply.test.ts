import { describe, expect, it } from 'vitest';
import { DEFAULT_FLEX_CAPABILITIES, parseFlexReply, type FlexReply } from '../../../src/storage/flexvolume/reply.ts';
import { volumePlugin } from '../../../src/storage/volume/plugins.ts';

describe('parseFlexReply', () => {
  it.each([
    ['VOL-08: init Success with attach false', 'init', '{"status": "Success", "capabilities": {"attach": false}}', { ok: true, capabilities: { ...DEFAULT_FLEX_CAPABILITIES, attach: false } }],
    ['VOL-08: init Success without capabilities keeps the defaults (attach true)', 'init', '{"status": "Success"}', { ok: true, capabilities: DEFAULT_FLEX_CAPABILITIES }],
    ['VOL-08: a partial capabilities object overrides only what it names', 'init', '{"status":"Success","capabilities":{"supportsMetrics":true}}', { ok: true, capabilities: { ...DEFAULT_FLEX_CAPABILITIES, supportsMetrics: true } }],
    ['VOL-08: attach Success returns the device path', 'attach', '{"status":"Success","device":"/dev/xvdf"}', { ok: true, device: '/dev/xvdf' }],
    ['VOL-08: isattached reports attached', 'isattached', '{"status":"Success","attached":true}', { ok: true, attached: true }],
    ['VOL-07: keys match case-insensitively like Go\'s encoding/json', 'mount', '{"Status":"Success","Message":"ok"}', { ok: true, message: 'ok' }],
    ['VOL-07: "Not supported" asks kubelet to use its default', 'getvolumename', '{"status": "Not supported"}', { ok: false, kind: 'not-supported', error: 'Not supported' }],
    ['VOL-07: Failure gives kubelet\'s error text with the reason', 'mount', '{"status": "Failure", "message": "mount.nfs: access denied"}', { ok: false, kind: 'failure', status: 'Failure', error: 'mount command failed, status: Failure, reason: mount.nfs: access denied' }],
    ['VOL-07: any other status is a failure too', 'mount', '{"status": "success"}', { ok: false, kind: 'failure', error: 'mount command failed, status: success, reason: ' }],
    ['VOL-07: a reply without status is a failure with an empty status', 'mount', '{}', { ok: false, kind: 'failure', status: '' }],
  ] as [string, string, string, Partial<FlexReply>][])('%s', (_n, command, output, expected) => {
    expect(parseFlexReply(command, output)).toMatchObject(expected);
  });

  it.each([
    ['VOL-07: malformed, empty output', 'init', '', /not JSON \(unexpected end of JSON input\)/],
    ['VOL-07: malformed, shell noise before the JSON', 'mount', 'mounting...\n{"status":"Success"}', /mount: driver output is not JSON/],
    ['VOL-07: malformed, an array is not an object', 'init', '["Success"]', /JSON array, not an object/],
    ['VOL-07: malformed, status of the wrong type', 'init', '{"status": true}', /cannot unmarshal boolean into DriverStatus.status of type string/],
    ['VOL-08: malformed, attach capability given as a string', 'init', '{"status":"Success","capabilities":{"attach":"false"}}', /cannot unmarshal string into DriverCapabilities.attach of type bool/],
    ['VOL-08: malformed wins over a Failure status, as in Go', 'init', '{"status":"Failure","capabilities":{"attach":1}}', /cannot unmarshal number/],
    ['VOL-08: malformed, init with capabilities null', 'init', '{"status":"Success","capabilities":null}', /capabilities.*null/],
  ])('%s', (_n, command, output, error) => {
    const reply = parseFlexReply(command, output);
    expect(reply.ok).toBe(false);
    expect(reply).toMatchObject({ kind: 'malformed' });
    expect(!reply.ok && reply.error).toMatch(error);
  });

  it('VOL-08: the parsed init capabilities decide the plugin\'s phases', () => {
    const reply = parseFlexReply('init', '{"status":"Success","capabilities":{"attach":false}}');
    if (!reply.ok) throw new Error(reply.error);
    const pv = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' }, spec: { flexVolume: { driver: 'k8s/nfs' } } } as const;
    expect(volumePlugin(pv, { flexInit: { 'k8s/nfs': reply.capabilities } })).toMatchObject({ attachable: false, stages: false });
  });
});
