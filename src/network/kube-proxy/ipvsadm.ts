// `ipvsadm -Ln` as the ipvsadm tool prints it (NET-IPVS-02), after ipvsadm.c (list_all, print_title,
// print_service_entry) and libipvs/libipvs.c (ipvs_cmp_services, ipvs_cmp_dests), read in the Distrotech/ipvsadm
// mirror of ipvsadm 1.2x:
//   header   "IP Virtual Server version %d.%d.%d (size=%d)": the kernel's IPVS 1.2.1 and its connection table
//            size, 4096 with the default CONFIG_IP_VS_TAB_BITS=12
//   service  "%s  %s" of protocol and "addr:port", cut to 33 characters, then " %s" scheduler, then
//            " persistent %u" with ClientIP affinity (kube-proxy sets netmask 255.255.255.255, so no " mask")
//   dest     "  -> %-28s %-7s %-6d %-10u %-10u\n": the address cut to 28 characters; the padding of the last
//            column stays, so every real-server line ends in blanks
// Sorting compares fwmark, family, protocol number (TCP 6 < UDP 17 < SCTP 132), then the address as
// `int r = ntohl(a) - ntohl(b)`: an unsigned difference squeezed into an int, so addresses more than 2^31 apart
// compare backwards (172.17.0.1 lists before 10.96.0.1, as real outputs show), then the port.

export interface IpvsadmRealServer {
  address: string;
  port: number;
  forward: 'Masq';
  weight: number;
  activeConn: number;
  inActConn: number;
}

export interface IpvsadmService {
  protocol: 'TCP' | 'UDP' | 'SCTP';
  address: string;
  port: number;
  scheduler: string;
  persistentSeconds?: number;
  realServers: IpvsadmRealServer[];
}

const PROTOCOL_NUMBER: Record<IpvsadmService['protocol'], number> = { TCP: 6, UDP: 17, SCTP: 132 };

const ipv4 = (ip: string): number => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0) >>> 0;

/** C's `(int)(uint32 a - uint32 b)`. compareAddresses("10.0.0.12", "192.168.199.234") > 0. */
export const compareAddresses = (a: string, b: string): number => (ipv4(a) - ipv4(b)) | 0;

export function compareServices(a: IpvsadmService, b: IpvsadmService): number {
  return PROTOCOL_NUMBER[a.protocol] - PROTOCOL_NUMBER[b.protocol] || compareAddresses(a.address, b.address) || a.port - b.port;
}

export function compareRealServers(a: IpvsadmRealServer, b: IpvsadmRealServer): number {
  return compareAddresses(a.address, b.address) || a.port - b.port;
}

const left = (s: string, width: number): string => s.padEnd(width, ' ');

export function serviceLine(s: IpvsadmService): string {
  const name = `${s.protocol}  ${s.address}:${s.port}`.slice(0, 33);
  return `${name} ${s.scheduler}${s.persistentSeconds === undefined ? '' : ` persistent ${s.persistentSeconds}`}`;
}

export function realServerLine(r: IpvsadmRealServer): string {
  const name = `${r.address}:${r.port}`.slice(0, 28);
  return `  -> ${left(name, 28)} ${left(r.forward, 7)} ${left(String(r.weight), 6)} ${left(String(r.activeConn), 10)} ${left(String(r.inActConn), 10)}`;
}

/** The whole listing, services and their real servers sorted as ipvsadm sorts them. */
export function renderIpvsadm(services: readonly IpvsadmService[]): string {
  const lines = [
    'IP Virtual Server version 1.2.1 (size=4096)',
    'Prot LocalAddress:Port Scheduler Flags',
    '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
  ];
  for (const s of [...services].sort(compareServices)) {
    lines.push(serviceLine(s), ...[...s.realServers].sort(compareRealServers).map(realServerLine));
  }
  return `${lines.join('\n')}\n`;
}
