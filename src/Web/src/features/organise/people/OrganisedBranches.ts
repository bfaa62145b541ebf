import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import type { OrganisedBranchesQuery } from '../../../__generated__/OrganisedBranchesQuery.graphql';
import { useHasRole } from '../../../ui/console/AreaFrame';

export type Branch = { readonly id: string; readonly name: string };

/**
 * The branches the signed-in member organises, from their own active ORGANISER grants: `every` for admins and
 * organisation-wide organisers (then `branches` is every branch), else the branches their grants name (one or
 * several). Only for what the screens offer: the server decides every request by the grants itself.
 */
export function useOrganisedBranches(): { every: boolean; branches: ReadonlyArray<Branch> } {
  const admin = useHasRole('ADMIN');
  const data = useLazyLoadQuery<OrganisedBranchesQuery>(
    graphql`
      query OrganisedBranchesQuery {
        me { id grants(first: 100) { nodes { id active role scope { kind branch { id name } } } } }
        branches { id name }
      }
    `,
    {},
    { fetchPolicy: 'store-and-network' },
  );
  const grants = (data.me?.grants?.nodes ?? []).filter((g) => g.active && g.role === 'ORGANISER');
  const every = admin || grants.some((g) => g.scope.kind === 'ORGANISATION');
  if (every) return { every, branches: data.branches };
  const named = grants.flatMap((g) => (g.scope.branch ? [g.scope.branch] : []));
  return { every, branches: named.filter((b, i) => named.findIndex((x) => x.id === b.id) === i) };
}
