// Input shapes of the rules under rules/network/datapath/ (L2/L3 data paths of the CNI plugins).
// src/network/datapath/ builds every one of these inputs.
import { defineShape, type Shape } from './shapes.ts';

const nullableString: Shape = { oneOf: ['string', 'null'] };

/** One frame arriving at a Linux bridge port: what its FDB knows about the destination (NET-L2-04, NET-L2-06). */
defineShape('BridgeFrameInput', {
  object: {
    dstMac: 'string',
    bridgeMac: 'string',
    ingressPort: 'string',
    /** The port the FDB learned for dstMac; null when unknown. */
    learnedPort: nullableString,
  },
});

/** Whether Calico sends a Pod packet to another node through tunl0 (NET-CALICO-10). */
defineShape('CalicoEncapInput', {
  object: {
    ipipMode: 'string',
    /** Both node IPs lie in one host subnet. */
    sameSubnet: 'boolean',
  },
});

/** A UDP datagram reaching a node, and the node's VXLAN device (NET-FLANNEL-11). */
defineShape('VxlanAcceptInput', {
  object: {
    udpDstPort: 'number',
    vni: 'number',
    device: { oneOf: [{ object: { dstport: 'number', id: 'number' } }, 'null'] },
  },
});

/** The route flanneld installs for another node's subnet (NET-FLANNEL-05, NET-FLANNEL-08, NET-FLANNEL-13). */
defineShape('FlannelRemoteRouteInput', {
  object: {
    backend: 'string',
    /** The other node's IP lies in a connected prefix of this node. */
    onLink: 'boolean',
  },
});
