import type { Locale } from '@app/contracts';
import { useI18n } from '../i18n';

// Each language is named in itself, so someone who reads only one of them can still find it.
const LANGUAGES: readonly { locale: Locale; label: string; name: string }[] = [
  { locale: 'zh-CN', label: '中文', name: '中文' },
  { locale: 'en', label: 'EN', name: 'English' },
];

export function LanguageSwitcher() {
  const { locale, setLocale, t } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.label')}>
      {LANGUAGES.map((language) => (
        <button
          key={language.locale}
          type="button"
          lang={language.locale}
          aria-label={language.name}
          aria-pressed={language.locale === locale}
          onClick={() => setLocale(language.locale)}
        >
          {language.label}
        </button>
      ))}
    </div>
  );
}
