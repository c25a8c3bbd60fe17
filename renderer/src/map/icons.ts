// Our own icons (assets/icons/*.svg) and colours for the map's leaves.
import internetGateway from '../../../assets/icons/internet-gateway.svg';
import egressOnly from '../../../assets/icons/egress-only-internet-gateway.svg';
import natGateway from '../../../assets/icons/nat-gateway.svg';
import transitGateway from '../../../assets/icons/transit-gateway.svg';
import peering from '../../../assets/icons/peering.svg';
import vpcEndpoint from '../../../assets/icons/vpc-endpoint.svg';
import vpnGateway from '../../../assets/icons/vpn-gateway.svg';
import vpnConnection from '../../../assets/icons/vpn-connection.svg';
import onPremises from '../../../assets/icons/on-premises.svg';
import loadBalancer from '../../../assets/icons/load-balancer.svg';
import internet from '../../../assets/icons/internet.svg';
import instance from '../../../assets/icons/instance.svg';
import eni from '../../../assets/icons/eni.svg';

export interface LeafLook {
  icon: string;
  color: string;
  label: string;
}

const LOOKS: Record<string, LeafLook> = {
  'internet-gateway': { icon: internetGateway, color: '#7b3fe4', label: 'Internet gateway' },
  'egress-only-internet-gateway': { icon: egressOnly, color: '#7b3fe4', label: 'Egress-only internet gateway' },
  'nat-gateway': { icon: natGateway, color: '#2e73b8', label: 'NAT gateway' },
  'transit-gateway': { icon: transitGateway, color: '#c7417b', label: 'Transit gateway' },
  'tgw-attachment': { icon: transitGateway, color: '#c7417b', label: 'TGW attachment' },
  peering: { icon: peering, color: '#0f8a7e', label: 'VPC peering' },
  'vpc-endpoint': { icon: vpcEndpoint, color: '#3d6fd1', label: 'VPC endpoint' },
  'vpn-gateway': { icon: vpnGateway, color: '#8a5a00', label: 'VPN gateway' },
  'vpn-connection': { icon: vpnConnection, color: '#8a5a00', label: 'VPN connection' },
  'on-premises': { icon: onPremises, color: '#6b5b3e', label: 'On-premises network' },
  'load-balancer': { icon: loadBalancer, color: '#8c4fd6', label: 'Load balancer' },
  internet: { icon: internet, color: '#4a5568', label: 'Internet' },
  instance: { icon: instance, color: '#d9822b', label: 'Instance' },
  eni: { icon: eni, color: '#5f7d95', label: 'Network interface' },
};

export function leafLook(kind: string): LeafLook {
  return LOOKS[kind] ?? { icon: eni, color: '#718096', label: kind };
}

