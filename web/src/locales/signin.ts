// The sign-in screen's text beyond the development form's (which is in i18n.ts): provider buttons and failures.
export default {
  en: {
    signIn: {
      continueWith: 'Continue with {provider}', with: 'Signing in with {provider}…', devHeading: 'Development sign-in',
      none: 'No way to sign in is configured on this server.', theProvider: 'the sign-in provider',
      failure: {
        provider: '{provider} did not sign you in: {said}',
        refused: 'Signing in with {provider} failed: {said}',
        state: 'That sign-in answer does not belong to a sign-in started in this tab; please start again.',
        unreachable: '{provider} cannot be reached right now; please try again later.',
        insecure: 'Signing in with {provider} needs a secure (HTTPS) address.',
      },
    },
  },
  ko: {
    signIn: {
      continueWith: '{provider}(으)로 계속하기', with: '{provider}(으)로 로그인 중…', devHeading: '개발용 로그인',
      none: '이 서버에는 설정된 로그인 방법이 없습니다.', theProvider: '로그인 제공자',
      failure: {
        provider: '{provider}에서 로그인하지 못했습니다: {said}',
        refused: '{provider}(으)로 로그인하지 못했습니다: {said}',
        state: '이 탭에서 시작한 로그인의 응답이 아닙니다. 다시 시도해 주세요.',
        unreachable: '지금은 {provider}에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.',
        insecure: '{provider}(으)로 로그인하려면 보안(HTTPS) 주소가 필요합니다.',
      },
    },
  },
};
