// 第四、五条: the department specialists work in Chinese. Strapi's admin picks its interface language
// from localStorage when it creates its store (StrapiApp.render, after the app's register), and
// falls back to English. A first visit, the login page included, starts in zh-Hans; a language
// chosen later in the profile (English stays offered) is stored under the same key and kept.
export const DEFAULT_INTERFACE_LANGUAGE = 'zh-Hans';
// The key of @strapi/admin's reducer (LANGUAGE_LOCAL_STORAGE_KEY); it is not exported.
const LANGUAGE_STORAGE_KEY = 'strapi-admin-language';

export function preferChineseInterface(): void {
  try {
    if (!window.localStorage.getItem(LANGUAGE_STORAGE_KEY)) {
      window.localStorage.setItem(LANGUAGE_STORAGE_KEY, DEFAULT_INTERFACE_LANGUAGE);
      document.documentElement.lang = DEFAULT_INTERFACE_LANGUAGE;
    }
  } catch {
    // Storage disabled (private mode policies): Strapi then shows English, nothing to break.
  }
}
