import { useId, useState } from 'react';
import { FormAlert } from '../../components/form-alert';
import { TextField } from '../../components/text-field';
import { errorText, useI18n } from '../../i18n';
import { commerceApi, uploadPhoto } from './commerce-api';

interface VariantDraft {
  label: string;
  price: string;
  stock: string;
}

/** A new product: photos uploaded straight to storage with a progress bar, then sizes and prices. */
export function ProductForm({ shopId, onAdded }: { shopId: string; onAdded(): void }) {
  const { t } = useI18n();
  const formId = useId();
  const [title, setTitle] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [variants, setVariants] = useState<VariantDraft[]>([{ label: '', price: '', stock: '' }]);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const upload = async (files: FileList | null) => {
    setError(null);
    for (const file of Array.from(files ?? [])) {
      try {
        setProgress(0);
        const id = await uploadPhoto(file, setProgress);
        setPhotos((p) => [...p, id]);
      } catch (e) {
        setError(errorText(e, t));
      } finally {
        setProgress(null);
      }
    }
  };
  const setVariant = (i: number, k: keyof VariantDraft) => (v: string) =>
    setVariants((list) => list.map((x, j) => (j === i ? { ...x, [k]: v } : x)));
  const submit = async () => {
    setError(null);
    setSaved(false);
    try {
      await commerceApi.addProduct(shopId, {
        title,
        photoUploadIds: photos,
        variants: variants.map((v) => ({
          label: v.label,
          priceMinor: Math.round(Number(v.price) * 100),
          stock: Number(v.stock),
        })),
      });
      setTitle('');
      setPhotos([]);
      setVariants([{ label: '', price: '', stock: '' }]);
      setSaved(true);
      onAdded();
    } catch (e) {
      setError(errorText(e, t));
    }
  };
  return (
    <section className="commerce-card" aria-labelledby="add-product">
      <h2 id="add-product" className="section-title">
        {t('commerce.myShop.addProduct')}
      </h2>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <FormAlert message={error} />
        <TextField label={t('commerce.myShop.productTitle')} value={title} onChange={setTitle} required />
        <div className="field">
          <span className="field-label" id={`${formId}-photos`}>
            {t('commerce.myShop.photos', { count: photos.length })}
          </span>
          {/* the native button speaks the browser's language, not the page's: a styled label instead */}
          <label
            className={
              progress !== null
                ? 'button button-secondary file-button file-button-busy'
                : 'button button-secondary file-button'
            }
          >
            <input
              type="file"
              accept="image/jpeg,image/png,image/webp"
              multiple
              className="file-button-input"
              disabled={progress !== null}
              aria-labelledby={`${formId}-photos`}
              onChange={(e) => {
                const files = e.target.files;
                void upload(files).then(() => (e.target.value = ''));
              }}
            />
            {t('commerce.myShop.choosePhotos')}
          </label>
        </div>
        {progress !== null && (
          <progress
            className="upload-progress"
            value={progress}
            max={1}
            aria-label={t('commerce.myShop.uploading')}
          />
        )}
        {variants.map((v, i) => (
          <div key={i} className="field-row">
            <TextField
              label={t('commerce.myShop.variantLabel')}
              value={v.label}
              onChange={setVariant(i, 'label')}
              required
            />
            <TextField
              label={t('commerce.myShop.price')}
              value={v.price}
              onChange={setVariant(i, 'price')}
              inputMode="decimal"
              required
            />
            <TextField
              label={t('commerce.myShop.stock')}
              value={v.stock}
              onChange={setVariant(i, 'stock')}
              inputMode="numeric"
              required
            />
          </div>
        ))}
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => setVariants((list) => [...list, { label: '', price: '', stock: '' }])}
        >
          {t('commerce.myShop.addVariant')}
        </button>
        <button type="submit" className="button button-block" disabled={progress !== null}>
          {t('commerce.myShop.saveProduct')}
        </button>
        {saved && <p role="status">{t('commerce.myShop.saved')}</p>}
      </form>
    </section>
  );
}
