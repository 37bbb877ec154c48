// The connection's text beyond the header badge's states (which are in i18n.ts).
export default {
  en: { link: { sessionEnded: 'Your session has ended; please sign in again.' } },
  ko: { link: { sessionEnded: '로그인이 만료되었습니다. 다시 로그인해 주세요.' } },
};
