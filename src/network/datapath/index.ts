// Public surface of the L2/L3 data path model (NET-L2, NET-CNI, NET-FLANNEL, NET-CALICO).
export { buildDatapath, netnsOf, type Datapath } from './datapath.ts';
export { routePacket, lookupRoute, type RouteDecision } from './route.ts';
export { forwardL2, bridgeState, ageFdb, BRIDGE_AGEING_SECONDS, type BridgeState, type Frame, type L2Result } from './bridge.ts';
export { traceDatapath, findPod, type TraceFrom, type TraceOptions } from './trace.ts';
export { ipAddr, ipRoute, ipNeigh, bridgeFdb, formatRoute } from './render.ts';
export { vxlanEncap, ipipEncap, udpEncap, describeEncap, vxlanSourcePort } from './encap.ts';
export { bgpTopologyOf, bgpPeers, bgpPeered, bgpSessions, learnedFrom, birdProtocolName, describeLearned } from './bgp.ts';
export { calicoctlNodeStatus, bgpStatusTable, tablewriter } from './bgp-status.ts';
export { cniAddSteps, cniDelSteps, portmapChainName, sandboxId, type CniStep, type CniInput, type HostPortMapping } from './cni.ts';
export { calicoVethName, bridgeVethName, vtepMac, podMacFromIp, CALICO_GATEWAY, CALICO_MAC, FLANNEL_VNI, FLANNEL_VXLAN_PORT, FLANNEL_UDP_PORT } from './names.ts';
export type { Device, Route, Neighbour, FdbEntry, Netns, NodeDatapath, DatapathOptions, DatapathHop, Encapsulation, HookCallback, NetfilterHook, IpipMode, BgpTopology, BgpPeer, BgpPeerType } from './types.ts';
