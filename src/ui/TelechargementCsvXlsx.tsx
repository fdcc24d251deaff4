/**
 * "Télécharger au format CSV / XLSX": the separator of the CSV chosen first (semicolon for Excel
 * in French, or comma), then either file. A plain GET form: it works without JavaScript.
 */
export function TelechargementCsvXlsx({ csv, xlsx }: { csv: string; xlsx: string }) {
  return (
    <form method="get" action={csv} className="fr-mb-2w">
      <fieldset className="fr-fieldset" aria-labelledby="separateur-legende">
        <legend className="fr-fieldset__legend fr-text--regular" id="separateur-legende">
          Séparateur du fichier CSV
        </legend>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <div className="fr-radio-group">
            <input type="radio" id="separateur-point-virgule" name="separateur" value="point-virgule" defaultChecked />
            <label className="fr-label" htmlFor="separateur-point-virgule">
              Point-virgule (Excel en français)
            </label>
          </div>
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <div className="fr-radio-group">
            <input type="radio" id="separateur-virgule" name="separateur" value="virgule" />
            <label className="fr-label" htmlFor="separateur-virgule">
              Virgule
            </label>
          </div>
        </div>
      </fieldset>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
        <li>
          <button type="submit" className="fr-btn fr-icon-download-line fr-btn--icon-left">
            Télécharger au format CSV
          </button>
        </li>
        <li>
          <a className="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left" href={xlsx} download>
            Télécharger au format XLSX
          </a>
        </li>
      </ul>
    </form>
  );
}
