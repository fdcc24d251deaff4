"use client";

import { Link } from "@tiptap/extension-link";
import { ListItem, ListKeymap } from "@tiptap/extension-list";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { StarterKit } from "@tiptap/starter-kit";
import { useEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent } from "react";
import { lienAutorise, LONGUEUR_MAX_NOTE, type DocumentNote } from "@/domain/gouvernance/note";
import { adresseDuLien, caracteresDeLaNote, restreindreNote, versContenuEditeur } from "./editeur-note-document";
import styles from "./editeur-note.module.css";

/*
 * The editor of the note de contexte: a DSFR field around a tiptap editor configured with the
 * note's closed list only (paragraphs, headings 2 to 4, lists, line breaks, bold, italic, http(s)
 * and mailto links). What `onChange` receives has gone through `restreindreNote`: it is what
 * `lireNote` accepts. The server reads it with `lireNote` all the same.
 *
 * Uncontrolled: `valeurInitiale` is read once, when the editor is created.
 * Keyboard: Ctrl+B, Ctrl+I (and the editor's Markdown shortcuts: "## ", "- ", "1. "); Tab and
 * Shift+Tab leave the editor (list items are not indented with Tab); in the toolbar, the arrow
 * keys, Home and End move between the buttons, which make one tab stop.
 * The editor's own <style> tag is not injected (injectCSS: false): its few rules are in
 * editeur-note.module.css, so the editor asks nothing of the Content-Security-Policy.
 */

export interface EditeurNoteProps {
  /** The id of the editing area (an error summary may link to it); the label, hint and error derive theirs from it. */
  id: string;
  libelle: string;
  indication?: string;
  valeurInitiale: DocumentNote;
  onChange: (document: DocumentNote) => void;
  erreur?: string;
  requis?: boolean;
  /** Called when the focus leaves the whole field (toolbar, link field and editing area). */
  onBlur?: () => void;
  desactive?: boolean;
}

const EXTENSIONS = [
  StarterKit.configure({
    blockquote: false,
    code: false,
    codeBlock: false,
    horizontalRule: false,
    strike: false,
    underline: false,
    gapcursor: false,
    heading: { levels: [2, 3, 4] },
    // Replaced below, without their Tab bindings.
    listItem: false,
    listKeymap: false,
    // Replaced below: a link keeps only its address.
    link: false,
  }),
  // A link has its address and nothing else (no target, class or title, even pasted): the editor
  // shows what the note keeps. rel is set on display only.
  Link.extend({
    addAttributes() {
      return { href: { default: null, parseHTML: (element) => element.getAttribute("href") } };
    },
  }).configure({
    openOnClick: false,
    autolink: true,
    linkOnPaste: true,
    defaultProtocol: "https",
    // Merged with the extension's defaults: target and class are removed by null.
    HTMLAttributes: { target: null, rel: "noopener noreferrer nofollow", class: null },
    // Typed, pasted or recognised in the text: only what the note accepts.
    isAllowedUri: (url) => lienAutorise(url),
  }),
  // Tab must leave the editor: no indentation of list items with Tab / Shift+Tab.
  ListItem.extend({
    addKeyboardShortcuts() {
      return { Enter: () => this.editor.commands.splitListItem(this.name) };
    },
  }),
  ListKeymap.extend({
    addKeyboardShortcuts() {
      const { Tab: _tab, ...autres } = this.parent?.() ?? {};
      return autres;
    },
  }),
];

/** From this many characters, the count is shown. */
const SEUIL_COMPTEUR = Math.floor(LONGUEUR_MAX_NOTE * 0.9);

const nombre = (n: number) => n.toLocaleString("fr-FR");

interface EtatBarre {
  gras: boolean;
  italique: boolean;
  titre: 0 | 2 | 3 | 4;
  puces: boolean;
  numeros: boolean;
  lien: boolean;
  href: string;
}

function etatDeLaBarre(editor: Editor | null): EtatBarre | null {
  if (!editor) return null;
  const niveau = ([2, 3, 4] as const).find((level) => editor.isActive("heading", { level })) ?? 0;
  const href: unknown = editor.getAttributes("link").href;
  return {
    gras: editor.isActive("bold"),
    italique: editor.isActive("italic"),
    titre: niveau,
    puces: editor.isActive("bulletList"),
    numeros: editor.isActive("orderedList"),
    lien: editor.isActive("link"),
    href: typeof href === "string" ? href : "",
  };
}

interface Bouton {
  libelle: string;
  icone: string;
  raccourci?: string;
  /** A toggle's state (aria-pressed); undefined for an action. */
  presse?: boolean;
  indisponible?: boolean;
  ouvre?: boolean;
  action: () => void;
}

export function EditeurNote({ id, libelle, indication, valeurInitiale, onChange, erreur, requis, onBlur, desactive }: EditeurNoteProps) {
  const idLibelle = `${id}-libelle`;
  const idIndication = `${id}-indication`;
  const idErreur = `${id}-erreur`;
  const idCompteur = `${id}-compteur`;
  const idPanneau = `${id}-lien`;
  const idSaisieLien = `${id}-lien-adresse`;
  const idErreurLien = `${id}-lien-erreur`;

  const [caracteres, setCaracteres] = useState<number | null>(null);
  const decrit = [indication ? idIndication : null, erreur ? idErreur : null, caracteres !== null ? idCompteur : null].filter(Boolean).join(" ");

  // The latest callbacks, without recreating the editor.
  const rappels = useRef({ onChange, onBlur });
  useEffect(() => {
    rappels.current = { onChange, onBlur };
  });

  const [contenuInitial] = useState(() => versContenuEditeur(valeurInitiale));
  const attributs = useMemo(
    () => ({
      id,
      class: styles.contenu ?? "",
      "aria-multiline": "true",
      "aria-labelledby": idLibelle,
      ...(decrit ? { "aria-describedby": decrit } : {}),
      ...(requis ? { "aria-required": "true" } : {}),
      ...(erreur ? { "aria-invalid": "true" } : {}),
    }),
    [id, idLibelle, decrit, requis, erreur],
  );
  const editorProps = useMemo(() => ({ attributes: attributs }), [attributs]);

  const editor = useEditor({
    extensions: EXTENSIONS,
    content: contenuInitial,
    // Rendered on the server as an empty area, the editor starts in the browser.
    immediatelyRender: false,
    shouldRerenderOnTransaction: false,
    injectCSS: false,
    editable: !desactive,
    editorProps,
    onUpdate: ({ editor: e }) => {
      const document = restreindreNote(e.getJSON());
      const n = caracteresDeLaNote(document);
      setCaracteres(n >= SEUIL_COMPTEUR ? n : null);
      rappels.current.onChange(document);
    },
  });

  useEffect(() => {
    if (editor && editor.isEditable === !!desactive) editor.setEditable(!desactive, false);
  }, [editor, desactive]);

  const etat = useEditorState({ editor, selector: ({ editor: e }) => etatDeLaBarre(e) });

  // The link field, between the toolbar and the editing area.
  const [lien, setLien] = useState<{ saisie: string; erreur?: string } | null>(null);
  const saisieLien = useRef<HTMLInputElement>(null);
  const lienOuvert = lien !== null;
  useEffect(() => {
    if (lienOuvert) saisieLien.current?.focus();
  }, [lienOuvert]);

  const fermerLeLien = () => {
    setLien(null);
    editor?.commands.focus();
  };

  const appliquerLeLien = () => {
    if (!editor || !lien) return;
    const href = adresseDuLien(lien.saisie);
    if (!href) {
      setLien({ ...lien, erreur: "Saisissez une adresse web (https://…) ou une adresse électronique." });
      saisieLien.current?.focus();
      return;
    }
    const chaine = editor.chain().focus();
    if (editor.state.selection.empty && !editor.isActive("link")) {
      // Nothing selected: the address itself becomes the link's text; what is typed next is not linked.
      chaine.insertContent({ type: "text", text: lien.saisie.trim(), marks: [{ type: "link", attrs: { href } }] }).unsetMark("link").run();
    } else {
      chaine.extendMarkRange("link").setLink({ href }).run();
    }
    setLien(null);
  };

  const inactif = !editor || !!desactive;
  const agir = (commande: (e: Editor) => void) => () => {
    if (editor && !desactive) commande(editor);
  };
  const boutons: Bouton[][] = [
    [
      { libelle: "Gras", icone: "fr-icon-bold", raccourci: "Control+B", presse: etat?.gras ?? false, action: agir((e) => e.chain().focus().toggleBold().run()) },
      { libelle: "Italique", icone: "fr-icon-italic", raccourci: "Control+I", presse: etat?.italique ?? false, action: agir((e) => e.chain().focus().toggleItalic().run()) },
    ],
    ([2, 3, 4] as const).map((level) => ({
      libelle: `Titre de niveau ${level}`,
      icone: `fr-icon-h-${level}`,
      presse: etat?.titre === level,
      action: agir((e) => e.chain().focus().toggleHeading({ level }).run()),
    })),
    [
      { libelle: "Liste à puces", icone: "fr-icon-list-unordered", presse: etat?.puces ?? false, action: agir((e) => e.chain().focus().toggleBulletList().run()) },
      { libelle: "Liste numérotée", icone: "fr-icon-list-ordered", presse: etat?.numeros ?? false, action: agir((e) => e.chain().focus().toggleOrderedList().run()) },
    ],
    [
      {
        libelle: "Ajouter un lien",
        icone: "fr-icon-link",
        ouvre: lienOuvert,
        action: agir(() => (lienOuvert ? fermerLeLien() : setLien({ saisie: etat?.href ?? "" }))),
      },
      {
        libelle: "Retirer le lien",
        icone: "fr-icon-link-unlink",
        indisponible: !etat?.lien,
        action: agir((e) => {
          if (e.isActive("link")) e.chain().focus().extendMarkRange("link").unsetLink().run();
        }),
      },
    ],
  ];

  // Roving tabindex: the toolbar is one tab stop, the arrows move within it.
  const nombreDeBoutons = boutons.flat().length;
  const [courant, setCourant] = useState(0);
  const elementsBoutons = useRef<(HTMLButtonElement | null)[]>([]);
  const deplacer = (evenement: KeyboardEvent<HTMLDivElement>) => {
    const cibles: Record<string, number> = {
      ArrowRight: (courant + 1) % nombreDeBoutons,
      ArrowLeft: (courant - 1 + nombreDeBoutons) % nombreDeBoutons,
      Home: 0,
      End: nombreDeBoutons - 1,
    };
    const cible = cibles[evenement.key];
    if (cible === undefined) return;
    evenement.preventDefault();
    setCourant(cible);
    elementsBoutons.current[cible]?.focus();
  };

  const quitter = (evenement: FocusEvent<HTMLDivElement>) => {
    if (!evenement.currentTarget.contains(evenement.relatedTarget as Node | null)) rappels.current.onBlur?.();
  };

  let rang = 0;
  return (
    <div className={`fr-input-group${erreur ? " fr-input-group--error" : ""}`} onBlur={quitter}>
      {/* A label for an editing area that is not a form control: clicking it focuses the editor. */}
      <label className="fr-label" onClick={() => editor?.commands.focus()}>
        <span id={idLibelle}>
          {libelle}
          {requis ? " *" : ""}
        </span>
        {indication && (
          <span className="fr-hint-text" id={idIndication}>
            {indication}
          </span>
        )}
      </label>
      <div role="toolbar" aria-label={`Mise en forme : ${libelle}`} aria-controls={id} className={styles.barre} onKeyDown={deplacer}>
        {boutons.map((groupe, g) => (
          <div key={g} className={styles.groupe}>
            {groupe.map((b) => {
              const i = rang++;
              return (
                <button
                  key={b.libelle}
                  ref={(el) => {
                    elementsBoutons.current[i] = el;
                  }}
                  type="button"
                  className={`fr-btn fr-btn--tertiary-no-outline fr-btn--sm ${b.icone} ${styles.bouton}`}
                  title={b.raccourci ? `${b.libelle} (${b.raccourci.replace("Control", "Ctrl")})` : b.libelle}
                  tabIndex={i === courant ? 0 : -1}
                  disabled={inactif}
                  aria-pressed={b.presse}
                  aria-disabled={b.indisponible || undefined}
                  aria-expanded={b.ouvre}
                  aria-controls={b.ouvre !== undefined ? idPanneau : undefined}
                  aria-keyshortcuts={b.raccourci}
                  onFocus={() => setCourant(i)}
                  // Keep the editor's focus and selection when clicking.
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={b.action}
                >
                  {b.libelle}
                </button>
              );
            })}
          </div>
        ))}
      </div>
      <div id={idPanneau} hidden={!lienOuvert} className={styles.panneauLien}>
        {lien && (
          <div className={`fr-input-group${lien.erreur ? " fr-input-group--error" : ""}`}>
            <label className="fr-label" htmlFor={idSaisieLien}>
              Adresse du lien
              <span className="fr-hint-text">Une adresse web (https://…) ou une adresse électronique. Le lien s’applique au texte sélectionné.</span>
            </label>
            <input
              ref={saisieLien}
              id={idSaisieLien}
              className="fr-input"
              type="text"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              value={lien.saisie}
              aria-describedby={lien.erreur ? idErreurLien : undefined}
              aria-invalid={lien.erreur ? true : undefined}
              onChange={(e) => setLien({ saisie: e.target.value })}
              onKeyDown={(e) => {
                // The editor sits in a form: Enter applies the link, it does not submit.
                if (e.key === "Enter") {
                  e.preventDefault();
                  appliquerLeLien();
                } else if (e.key === "Escape") {
                  e.preventDefault();
                  fermerLeLien();
                }
              }}
            />
            {lien.erreur && (
              <p className="fr-error-text" id={idErreurLien}>
                {lien.erreur}
              </p>
            )}
            <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm fr-mt-2w">
              <li>
                <button type="button" className="fr-btn" onClick={appliquerLeLien}>
                  Appliquer le lien
                </button>
              </li>
              <li>
                <button type="button" className="fr-btn fr-btn--secondary" onClick={fermerLeLien}>
                  Annuler
                </button>
              </li>
            </ul>
          </div>
        )}
      </div>
      <EditorContent editor={editor} className={`${styles.zone}${erreur ? ` ${styles.zoneErreur}` : ""}${desactive ? ` ${styles.zoneDesactivee}` : ""}`} />
      {caracteres !== null && (
        <p id={idCompteur} className={`fr-hint-text fr-mt-1w${caracteres > LONGUEUR_MAX_NOTE ? ` ${styles.depassement}` : ""}`}>
          {nombre(caracteres)} caractères sur {nombre(LONGUEUR_MAX_NOTE)} au plus
        </p>
      )}
      <p className="fr-sr-only" aria-live="polite">
        {caracteres !== null && caracteres > LONGUEUR_MAX_NOTE ? `La note dépasse ${nombre(LONGUEUR_MAX_NOTE)} caractères.` : ""}
      </p>
      {erreur && (
        <p className="fr-error-text" id={idErreur}>
          {erreur}
        </p>
      )}
    </div>
  );
}
