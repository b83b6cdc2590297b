/**
 * What a FHIR request needs from the token's scopes: a list of (resource type, permission), or a
 * refusal for requests the sandbox does not let a scoped token make (whole-system calls, operations).
 */
import type { Permission } from './scopes';

export type Need = [resourceType: string, permission: Permission];
export type Access = { needs: Need[] } | { refused: string };

const TYPE = /^[A-Z][A-Za-z]+$/;

/** `path` is relative to the FHIR base (`Patient/1`, `Consent?patient=…`), as in a request or a Bundle entry. */
export function requiredAccess(method: string, pathAndQuery: string): Access {
  const [rawPath = '', query = ''] = pathAndQuery.split('?', 2) as [string?, string?];
  const segments = rawPath.split('/').filter((s) => s !== '');
  const verb = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  const [type, second, third] = segments;
  if (type === undefined || !TYPE.test(type)) return { refused: 'whole-system interactions are not covered by the granted scopes' };
  if (segments.some((s) => s.startsWith('$'))) return { refused: 'operations are not covered by the granted scopes' };
  const included = includedTypes(new URLSearchParams(query));
  if ('refused' in included) return included;
  const search = (): Access => ({ needs: [[type, 's'], ...included.needs] });
  switch (verb) {
    case 'GET':
      if (second === undefined || second === '_history' || second === '_search') return search();
      if (third === undefined || third === '_history') return { needs: [[type, 'r']] };
      return { refused: 'this request is not covered by the granted scopes' };
    case 'POST':
      if (second === '_search') return search();
      if (second === undefined) return { needs: [[type, 'c']] };
      return { refused: 'this request is not covered by the granted scopes' };
    case 'PUT':
    case 'PATCH':
      return second === undefined ? { needs: [[type, 'u'], [type, 's']] } : { needs: [[type, 'u']] };
    case 'DELETE':
      return { needs: [[type, 'd']] };
    default:
      return { refused: 'this request is not covered by the granted scopes' };
  }
}

/** `_revinclude=Source:param` reads Source; `_include=Source:param:Target` reads Target (which must be named). */
function includedTypes(params: URLSearchParams): { needs: Need[] } | { refused: string } {
  const needs: Need[] = [];
  for (const [name, value] of params) {
    const base = name.split(':')[0];
    if (base !== '_include' && base !== '_revinclude') continue;
    const [source, , target] = value.split(':');
    const readType = base === '_revinclude' ? source : target;
    if (readType === undefined || !TYPE.test(readType)) return { refused: '_include must name its target type to be checked against the granted scopes' };
    needs.push([readType, 's']);
  }
  return { needs };
}
