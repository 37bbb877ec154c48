// The Codibook screen's text (components/Codibook.vue), merged into the app's messages by i18n.ts.
export default {
  en: {
    nav: { codibook: 'Codibook' },
    codibook: {
      heading: 'Codibook',
      count: '{total} of {max} saved',
      empty: 'Nothing saved yet. Save an outfit from Today’s outfits, or a look from your feed.',
      look: 'Look',
      outfit: 'Outfit',
      savedAt: 'Saved {when}',
      incomplete: 'Incomplete',
      lookGone: 'This look was removed from the catalog.',
      missing: 'No longer in your closet: {n} item | No longer in your closet: {n} items',
      delete: 'Delete',
      deleteNamed: 'Delete {what}',
      more: 'More',
      loading: 'Loading…',
    },
  },
  ko: {
    nav: { codibook: '코디북' },
    codibook: {
      heading: '코디북',
      count: '{max}개 중 {total}개 저장',
      empty: '아직 저장한 것이 없습니다. 오늘의 코디나 추천 피드에서 저장해 보세요.',
      look: '룩',
      outfit: '코디',
      savedAt: '{when} 저장',
      incomplete: '일부 없음',
      lookGone: '카탈로그에서 삭제된 룩입니다.',
      missing: '옷장에 없는 아이템 {n}개',
      delete: '삭제',
      deleteNamed: '{what} 삭제',
      more: '더 보기',
      loading: '불러오는 중…',
    },
  },
};
