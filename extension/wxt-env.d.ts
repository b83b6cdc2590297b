// WXT's generated types ('#imports', import.meta.env, public paths), written by `wxt prepare`
// (postinstall). The generated file is a script of references, not a module, so it cannot be imported.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../.wxt/wxt.d.ts" />

interface ImportMetaEnv {
  /** The commit the extension was built from (wxt.config.ts), shown on the options page. */
  readonly CARER_PROMPTS_BUILD?: string;
}
