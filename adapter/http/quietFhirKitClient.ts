/**
 * fhir-kit-client logs through the `debug` package: with `DEBUG=*` (or `DEBUG=fhir-kit-client:*`) it
 * writes every request URL — a search's NHS number — its headers (the bearer token) and every
 * answer body (names, phone numbers) to stderr. Patient data is never logged, whatever the
 * environment, so its namespaces are turned off here, and anything they still write is dropped
 * should some other code enable them again later.
 */
import createDebug from 'debug';

const NAMESPACE = 'fhir-kit-client';
let silenced = false;

export function silenceFhirKitClientLogging(): void {
  if (silenced) return;
  silenced = true;
  const enabled = createDebug.disable();
  createDebug.enable([enabled, `-${NAMESPACE}:*`].filter((part) => part !== '').join(','));
  const write = createDebug.log;
  createDebug.log = function (this: { namespace?: string } | undefined, ...args: unknown[]): void {
    if (this?.namespace?.startsWith(NAMESPACE) === true) return;
    write.apply(this, args);
  };
}
