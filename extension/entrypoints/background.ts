import '../protocol/zodJitless';
import { browser, defineBackground } from '#imports';
import { createBackgroundGateway, dropAdapters } from '../background/fhirGateway';
import { checkConnection } from '../background/connectionCheck';
import { GatewayError } from '../background/gateway';
import { signIn, smartSessionFor } from '../background/smartAuth';
import { FhirError } from '../../adapter/errors';
import { createController } from '../background/controller';
import { evaluateVisiblePrompts, loadPolicy } from '../background/rules';
import { registerEhrContentScripts } from '../background/registration';
import { isOwnContentScript, isOwnOptionsPage, isOwnPanel, originOf } from '../background/senders';
import { PANEL_PORT_NAME } from '../protocol/messages';
import { onFocusPanelCommand } from '../commands/focusPanel';
import { OptionsToBackgroundSchema } from '../protocol/options';
import { ContentToBackgroundSchema, parseMessage } from '../protocol/page';
import { optionsItem } from '../storage/items';
import { listenToToolbarButton } from '../background/toolbarButton';
import { readEffectiveOptions, watchManaged } from '../storage/managed';

/**
 * The service worker: all network (FHIR reads and writes), the state of each tab, and the only
 * place messages from the content script and the panel meet. Messages that do not come from this
 * extension's own contexts, or do not parse, are ignored.
 */
export default defineBackground(() => {
  const extensionId = browser.runtime.id;
  const extensionOrigin = browser.runtime.getURL('/').replace(/\/$/, '');
  // The options in force: the organisation's policy (storage.managed) over the saved options.
  const readOptions = async () => (await readEffectiveOptions()).options;

  const controller = createController({
    gateway: async () => {
      const options = await readOptions();
      if (options.authMode === 'smart' && options.clientId === undefined) throw new GatewayError('failed', 'Carer Prompts is set to sign in with SMART but has no client id. Ask your system administrator to complete the settings.');
      return createBackgroundGateway(options, smartSessionFor(options));
    },
    signIn: async () => {
      const session = smartSessionFor(await readOptions());
      if (!session) return;
      try {
        await signIn(session);
      } catch (error) {
        if (error instanceof FhirError) throw new GatewayError('sign-in', error.userMessage, undefined, { cause: error });
        throw new GatewayError('sign-in', 'Sign-in did not complete. Try again; if it keeps happening, tell your EHR support team.', undefined, { cause: error });
      }
    },
    policy: async () => loadPolicy((await readOptions()).policyOverrides),
    prompts: evaluateVisiblePrompts,
    now: () => new Date(),
    sendToTab: (tabId, message) => {
      browser.tabs.sendMessage(tabId, message, { frameId: 0 }).catch(() => undefined);
    },
  });

  browser.runtime.onMessage.addListener((raw: unknown, sender, sendResponse: (response: unknown) => void) => {
    if (isOwnContentScript(sender, extensionId, extensionOrigin)) {
      const message = parseMessage(ContentToBackgroundSchema, raw);
      if (!message) return undefined;
      if (message.type === 'page/recognition') {
        void controller.onRecognition(sender.tab.id, message.page, message.recognition, originOf(sender.url));
        return undefined;
      }
      void readOptions().then((options) => sendResponse(options.profiles));
      return true;
    }
    if (isOwnOptionsPage(sender, extensionId, extensionOrigin)) {
      const message = parseMessage(OptionsToBackgroundSchema, raw);
      if (!message) return undefined;
      if (message.type === 'options/sign-out') {
        void readOptions()
          .then(async (options) => {
            await smartSessionFor(options)?.signOut();
            dropAdapters();
            sendResponse({ signedOut: true });
          })
          .catch(() => sendResponse({ signedOut: false }));
        return true;
      }
      void checkConnection(message.fhirBaseUrl, (input, init) => fetch(input, init), 15_000).then(sendResponse);
      return true;
    }
    return undefined;
  });

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== PANEL_PORT_NAME) return;
    const sender = port.sender ?? {};
    if (!isOwnPanel(sender, extensionId, extensionOrigin)) {
      port.disconnect();
      return;
    }
    void controller.onPanelConnect(sender.tab.id, port, originOf((sender.tab as { url?: string }).url));
  });

  // A change of the rules' policy re-derives the prompts from the records in memory (no FHIR read);
  // a change of server or sign-in reads again, since a record from the old server no longer stands.
  const serverOf = (o: Awaited<ReturnType<typeof readOptions>>) => `${o.fhirBaseUrl}|${o.authMode}|${o.clientId ?? ''}`;
  let server = readOptions().then(serverOf).catch(() => '');
  const followPolicy = async (): Promise<void> => {
    const before = await server;
    const now = readOptions().then(serverOf).catch(() => '');
    server = now;
    await controller.onPolicyChanged({ sameServer: (await now) === before });
  };

  browser.tabs.onRemoved.addListener((tabId) => controller.onTabRemoved(tabId));

  browser.commands.onCommand.addListener((command, tab) => onFocusPanelCommand(command, tab, (tabId, message) => void browser.tabs.sendMessage(tabId, message, { frameId: 0 }).catch(() => undefined)));

  // Production: the content script runs only on the EHR origins the trust configured (and granted).
  const register = () => void readOptions().then(registerEhrContentScripts).catch(() => undefined);
  browser.runtime.onInstalled.addListener(register);
  browser.runtime.onStartup.addListener(register);
  optionsItem.watch(register);
  browser.permissions.onAdded.addListener(register);
  // A policy change (a new FHIR base, EHR origins, sign-in) applies from the next read: adapters
  // for the old settings are dropped and the content script follows the new EHR origins.
  watchManaged(() => {
    dropAdapters();
    register();
    void followPolicy();
  });
  optionsItem.watch(() => void followPolicy());

  listenToToolbarButton();
});
