// Types of ./native-layout.mjs (plain JavaScript, shared with scripts/electron-native.mjs).
export declare const BINDING_FILE: string;
export declare const SOURCE_FOLDER: string;
export declare const PACKAGED_FOLDER: string;
export declare const FETCH_COMMAND: string;
export declare function bindingRelativePath(electronVersion: string, platform: string, arch: string): string;
export declare function sourceBindingPath(root: string, electronVersion: string, platform: string, arch: string): string;
