// A fix from its edits: the change set `--apply` takes, the AWS CLI commands
// that make it (one per line, each with the region of the resource it edits,
// and the profile the snapshot was taken with), and the words. One builder
// for every fix the engine offers, so that every command is quoted the same.
import { CHANGE_SET_FORMAT, type Edit } from '../../model/change-set.js';
import { changeSetCommands } from '../../model/change-set-commands.js';
import type { NetworkModel } from '../../model/types.js';
import type { Fix } from '../analysis-types.js';

/** The id of the existing resource an edit acts on (the subnet for a new NAT gateway). */
function resourceOf(edit: Edit): string {
  switch (edit.action) {
    case 'AuthorizeSecurityGroupIngress':
    case 'AuthorizeSecurityGroupEgress':
    case 'RevokeSecurityGroupIngress':
    case 'RevokeSecurityGroupEgress':
      return edit.GroupId;
    case 'CreateNetworkAclEntry':
    case 'ReplaceNetworkAclEntry':
    case 'DeleteNetworkAclEntry':
      return edit.NetworkAclId;
    case 'CreateRoute':
    case 'ReplaceRoute':
    case 'DeleteRoute':
      return edit.RouteTableId;
    case 'CreateNatGateway':
      return edit.SubnetId;
    case 'ModifyNetworkInterfaceAttribute':
    case 'AssociateAddress':
      return edit.NetworkInterfaceId;
    case 'ModifyTransitGatewayVpcAttachment':
    case 'AcceptTransitGatewayVpcAttachment':
      return edit.TransitGatewayAttachmentId;
    case 'CreateTransitGatewayRoute':
    case 'ReplaceTransitGatewayRoute':
      return edit.TransitGatewayRouteTableId;
    case 'AcceptVpcPeeringConnection':
      return edit.VpcPeeringConnectionId;
    case 'StartInstances':
    case 'StopInstances':
      return edit.InstanceIds[0]!;
  }
}

/** Where the AWS CLI must send an edit: the region of the resource it acts on. */
export function regionOfEdit(model: NetworkModel, edit: Edit): string | undefined {
  const id = resourceOf(edit);
  // Accepting a peering is the accepter's call, in the accepter's region.
  if (edit.action === 'AcceptVpcPeeringConnection') {
    const pcx = model.peeringConnections.get(id);
    return pcx?.accepter.region ?? pcx?.region;
  }
  const maps = [
    model.securityGroups,
    model.networkAcls,
    model.routeTables,
    model.subnets,
    model.networkInterfaces,
    model.instances,
    model.transitGatewayAttachments,
    model.transitGatewayRouteTables,
    model.peeringConnections,
  ] as const;
  for (const map of maps) {
    const found = (map as ReadonlyMap<string, { region: string }>).get(id);
    if (found) return found.region;
  }
  return undefined;
}

/** A profile name as AWS config files spell them; a file claiming any other is not believed into a command. */
const PROFILE_NAME = /^[A-Za-z0-9_.@+=,/-]{1,128}$/;

/** The AWS CLI lines of these edits, with region and profile. */
export function commandsOf(model: NetworkModel, edits: readonly Edit[]): string[] {
  const claimed = model.meta.source.profile;
  const profile = claimed !== undefined && PROFILE_NAME.test(claimed) ? claimed : undefined;
  return changeSetCommands({ format: CHANGE_SET_FORMAT, changes: edits }, { regionOf: (edit) => regionOfEdit(model, edit), profile });
}

/**
 * `command` stays one AWS CLI command, as the CLI contract has it: where a fix
 * takes several, it is the last (the change at the drop point), whose new ids
 * stop it with a sentence until the lines before it have set them; `script`
 * holds every line, in order.
 */
export function fixOf(model: NetworkModel, text: string, edits: readonly Edit[]): Fix {
  const lines = commandsOf(model, edits);
  const fix: Fix = { text, command: lines.at(-1)!, changes: { format: CHANGE_SET_FORMAT, description: text, changes: [...edits] } };
  if (lines.length > 1) {
    fix.command = fix.command.replace(/"\$([A-Z0-9_]+)"/g, (_, name: string) => `"\${${name}:?set ${name} first: run the fix's script}"`);
    fix.script = lines.join('\n');
  }
  return fix;
}

/** Where no edit is safe on its own: the words say why and what the choices are (blocked.options holds them). */
export function noSafeFix(text: string): Fix {
  return { text, command: '# no single safe change: see the options' };
}
