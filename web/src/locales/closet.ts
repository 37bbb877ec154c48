// The Closet screen's text (components/Closet*.vue). Vocabulary keys are the wire names with every character
// that is not a letter or digit made '_' (closet.ts's vocabulary; closetNames.ts looks them up).
export default {
  en: {
    nav: { closet: 'Closet' },
    closet: {
      heading: 'My closet',
      intro: 'Add photos of your garments: each gets a cutout, its colours and styles, and goes into your outfits while it is available.',
      upload: {
        heading: 'Add a garment', photo: 'Photo of the garment', camera: 'Take a photo', hint: 'JPEG, PNG or WebP. A plain background gives the cleanest cutout.',
        slot: 'Slot (optional)', category: 'Category (optional)', detect: 'Not sure', submit: 'Upload',
        sending: 'Uploading… {p}%', analysing: 'Analysing the photo…', added: 'Added to your closet.', refused: 'The photo was not added',
        preview: 'The photo you chose',
      },
      stat: { heading: "Your closet's style", empty: 'Add garments to see the styles your closet leans to.', from: 'From {n} garment | From {n} garments' },
      list: { heading: 'Garments ({n})', empty: 'Nothing here yet. Add a photo of a garment above.', updated: 'Updated {n}×' },
      item: {
        unsorted: 'Garment', cutout: 'Cutout of {name}', cutoutLoading: 'Loading the cutout of {name}',
        cutoutFailed: 'The cutout of {name} could not be loaded', uncertain: 'The cutout may be off: the garment was hard to tell from its background. Retake the photo on a plain background for a cleaner one.',
        slot: 'Slot', category: 'Category', colours: 'Colours', styles: 'Styles', print: 'Print', warmth: 'Warmth', notSet: 'Not set',
        worn: 'Worn {n}×', corrected: '(corrected)', availability: 'Availability of {name}', correct: 'Correct', close: 'Close',
        delete: 'Delete', confirm: 'Delete {name} and its photos?', confirmYes: 'Yes, delete', confirmNo: 'Keep it',
        percent: '{p}%',
      },
      edit: {
        heading: 'Correct {name}', save: 'Save', saving: 'Saving…', cancel: 'Cancel', saved: 'Saved.', nothing: 'Nothing changed yet.',
        stylesHint: 'Tick the styles this garment has.', refused: 'Not saved',
      },
      slot: { outer: 'Outer', top: 'Top', bottom: 'Bottom', one_piece: 'One-piece', shoes: 'Shoes', bag: 'Bag', accessory: 'Accessory' },
      category: {
        coat: 'Coat', jacket: 'Jacket', jumper: 'Jumper', padding: 'Padded jacket', vest: 'Vest', cardigan: 'Cardigan', zip_up: 'Zip-up',
        top: 'Top', blouse: 'Blouse', t_shirt: 'T-shirt', knitwear: 'Knitwear', shirt: 'Shirt', bra_top: 'Bra top', hoodie: 'Hoodie',
        jeans: 'Jeans', pants: 'Trousers', skirt: 'Skirt', leggings: 'Leggings', jogger_pants: 'Joggers', dress: 'Dress', jumpsuit: 'Jumpsuit',
        sneakers: 'Sneakers', boots: 'Boots', loafers: 'Loafers', heels: 'Heels', sandals: 'Sandals', tote: 'Tote', backpack: 'Backpack',
        crossbody: 'Crossbody bag', clutch: 'Clutch', cap: 'Cap', hat: 'Hat', scarf: 'Scarf', belt: 'Belt', jewellery: 'Jewellery', sunglasses: 'Sunglasses',
      },
      print: {
        plain: 'Plain', check: 'Check', stripe: 'Stripe', zigzag: 'Zigzag', leopard: 'Leopard', zebra: 'Zebra', dot: 'Dots', camouflage: 'Camouflage',
        paisley: 'Paisley', argyle: 'Argyle', floral: 'Floral', graphic: 'Graphic', lettering: 'Lettering', tie_dye: 'Tie-dye', mixed: 'Mixed',
        houndstooth: 'Houndstooth', gingham: 'Gingham', heart: 'Hearts', skull: 'Skulls', snakeskin: 'Snakeskin', gradation: 'Gradient',
      },
      warmth: { '0': 'Summer only', '1': 'Light', '2': 'Medium', '3': 'Warm', '4': 'Heavy' },
      availability: { available: 'Available', laundry: 'In the laundry', stored: 'Stored away' },
      colour: {
        black: 'Black', white: 'White', gray: 'Gray', red: 'Red', pink: 'Pink', orange: 'Orange', beige: 'Beige', brown: 'Brown',
        yellow: 'Yellow', green: 'Green', khaki: 'Khaki', mint: 'Mint', blue: 'Blue', navy: 'Navy', skyblue: 'Sky blue', purple: 'Purple',
        lavender: 'Lavender', wine: 'Wine', neon: 'Neon', gold: 'Gold', silver: 'Silver',
      },
    },
  },
  ko: {
    nav: { closet: '옷장' },
    closet: {
      heading: '내 옷장',
      intro: '옷 사진을 올리세요. 배경을 지운 사진과 색상, 스타일이 만들어지고, 입을 수 있는 옷은 코디에 들어갑니다.',
      upload: {
        heading: '옷 추가', photo: '옷 사진', camera: '사진 찍기', hint: 'JPEG, PNG, WebP. 단색 배경에서 찍으면 가장 깔끔하게 잘립니다.',
        slot: '부위 (선택)', category: '종류 (선택)', detect: '잘 모르겠음', submit: '올리기',
        sending: '올리는 중… {p}%', analysing: '사진 분석 중…', added: '옷장에 추가했습니다.', refused: '사진을 추가하지 못했습니다',
        preview: '고른 사진',
      },
      stat: { heading: '내 옷장의 스타일', empty: '옷을 추가하면 옷장이 어떤 스타일에 가까운지 보여 드립니다.', from: '옷 {n}벌 기준' },
      list: { heading: '옷 ({n})', empty: '아직 옷이 없습니다. 위에서 옷 사진을 추가하세요.', updated: '{n}번 갱신' },
      item: {
        unsorted: '옷', cutout: '{name}의 배경 없는 사진', cutoutLoading: '{name}의 사진을 불러오는 중',
        cutoutFailed: '{name}의 사진을 불러오지 못했습니다', uncertain: '배경과 옷의 경계가 불분명해 잘린 모양이 어긋났을 수 있습니다. 단색 배경에서 다시 찍으면 더 깔끔합니다.',
        slot: '부위', category: '종류', colours: '색상', styles: '스타일', print: '패턴', warmth: '보온', notSet: '미지정',
        worn: '{n}번 입음', corrected: '(수정됨)', availability: '{name} 사용 가능 여부', correct: '수정', close: '닫기',
        delete: '삭제', confirm: '{name}을(를) 사진과 함께 삭제할까요?', confirmYes: '삭제', confirmNo: '취소',
        percent: '{p}%',
      },
      edit: {
        heading: '{name} 수정', save: '저장', saving: '저장 중…', cancel: '취소', saved: '저장했습니다.', nothing: '아직 바뀐 것이 없습니다.',
        stylesHint: '이 옷에 해당하는 스타일을 고르세요.', refused: '저장하지 못했습니다',
      },
      slot: { outer: '아우터', top: '상의', bottom: '하의', one_piece: '원피스', shoes: '신발', bag: '가방', accessory: '액세서리' },
      category: {
        coat: '코트', jacket: '재킷', jumper: '점퍼', padding: '패딩', vest: '베스트', cardigan: '가디건', zip_up: '집업',
        top: '탑', blouse: '블라우스', t_shirt: '티셔츠', knitwear: '니트웨어', shirt: '셔츠', bra_top: '브라탑', hoodie: '후드티',
        jeans: '청바지', pants: '팬츠', skirt: '스커트', leggings: '레깅스', jogger_pants: '조거팬츠', dress: '드레스', jumpsuit: '점프수트',
        sneakers: '운동화', boots: '부츠', loafers: '로퍼', heels: '힐', sandals: '샌들', tote: '토트백', backpack: '백팩',
        crossbody: '크로스백', clutch: '클러치', cap: '캡', hat: '모자', scarf: '스카프', belt: '벨트', jewellery: '주얼리', sunglasses: '선글라스',
      },
      print: {
        plain: '무지', check: '체크', stripe: '스트라이프', zigzag: '지그재그', leopard: '호피', zebra: '지브라', dot: '도트', camouflage: '카무플라주',
        paisley: '페이즐리', argyle: '아가일', floral: '플로럴', graphic: '그래픽', lettering: '레터링', tie_dye: '타이다이', mixed: '믹스',
        houndstooth: '하운즈투스', gingham: '깅엄', heart: '하트', skull: '해골', snakeskin: '뱀피', gradation: '그라데이션',
      },
      warmth: { '0': '여름용', '1': '얇음', '2': '보통', '3': '따뜻함', '4': '두꺼움' },
      availability: { available: '입을 수 있음', laundry: '세탁 중', stored: '보관 중' },
      colour: {
        black: '블랙', white: '화이트', gray: '그레이', red: '레드', pink: '핑크', orange: '오렌지', beige: '베이지', brown: '브라운',
        yellow: '옐로', green: '그린', khaki: '카키', mint: '민트', blue: '블루', navy: '네이비', skyblue: '스카이블루', purple: '퍼플',
        lavender: '라벤더', wine: '와인', neon: '네온', gold: '골드', silver: '실버',
      },
    },
  },
};
