// Strapi 5.54's new Media Library is the one this project uses. Saying so stops the upload plugin
// from recording its one-time "the Media Library changed" notice on the second boot of every
// database, a write that would land in whatever command boots the CMS next (an import dry run).
export default {
  useLegacyMediaLibrary: false,
};
