import packageJson from '../package.json';

export const APP_NAME = 'Shrinkage';
export const APP_VERSION: string = packageJson.version;
