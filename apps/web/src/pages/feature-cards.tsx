import { Link } from 'react-router-dom';
import { BookIcon, ChevronIcon, LiveIcon, MarketIcon, OfficeIcon, ShopIcon } from '../components/icons';
import { useI18n } from '../i18n';
import type { Feature, FeatureId } from './features';

const ICONS: Record<FeatureId, () => React.JSX.Element> = {
  courses: BookIcon,
  teach: BookIcon,
  live: LiveIcon,
  market: MarketIcon,
  shop: ShopIcon,
  program: OfficeIcon,
};

export function FeatureCards({ features }: { features: readonly Feature[] }) {
  const { t } = useI18n();
  return (
    <ul className="feature-grid">
      {features.map((feature) => {
        const Icon = ICONS[feature.id];
        return (
          <li key={feature.id}>
            <Link className={`feature-card feature-${feature.id}`} to={feature.path}>
              <span className="feature-icon">
                <Icon />
              </span>
              <span className="feature-text">
                <span className="feature-title">{t(feature.title)}</span>
                <span className="feature-body">{t(feature.body)}</span>
                {!feature.ready && <span className="badge">{t('feature.comingSoon')}</span>}
              </span>
              <ChevronIcon />
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
