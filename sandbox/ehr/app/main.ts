/**
 * CareRecord: the sandbox's clinical record web app. It reads the sandbox FHIR server on its own
 * origin and knows nothing of any integration that may overlay it.
 */
import { CaseloadSidebar } from './caseload';
import { FhirReader } from './fhir';
import { startNavigation } from './navigation';
import { RecordView } from './recordView';
import { parseRoute, type Route } from './routes';

function fhirBase(): string {
  const declared = document.querySelector<HTMLMetaElement>('meta[name="fhir-base"]')?.content.trim();
  return (declared || '/fhir').replace(/\/+$/, '');
}

function start(): void {
  const sidebarRoot = document.getElementById('caseload');
  const main = document.getElementById('main');
  if (!sidebarRoot || !main) throw new Error('CareRecord: page shell is missing #caseload or #main');
  const reader = new FhirReader(fhirBase());
  const sidebar = new CaseloadSidebar(sidebarRoot, reader);
  const view = new RecordView(main, reader, () => new Date());
  const onRoute = (route: Route): void => {
    sidebar.setActive(route.kind === 'patient' ? route.patientId : undefined);
    void view.show(route);
  };
  startNavigation(onRoute);
  sidebar.start();
  onRoute(parseRoute(window.location.pathname));
}

start();
