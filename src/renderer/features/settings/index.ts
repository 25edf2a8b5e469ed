/** The settings feature as the rest of the renderer sees it: its dialogs and the settings hooks. */
export { AboutDialog } from './AboutDialog';
export { SettingsDialog, useUserName } from './SettingsDialog';
export { ShortcutSheet } from './ShortcutSheet';
export { useSetting } from './use-setting';
