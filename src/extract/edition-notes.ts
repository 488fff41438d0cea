/**
 * Notes a publisher sets above or below an article about how it was made
 * and where else it ran, not about the story: who reviewed or fact-checked
 * it ("Medically reviewed by Jane Doe, MD", "Fachlich geprüft von …",
 * "Reviewed by our editors") and which print edition or magazine issue
 * carried it ("A version of this article appears in print on …", "This
 * article appeared in the print edition of …", "From our March issue").
 * The patterns cover the languages of the development set.
 */
import { weightedLength } from './text.js'

/** A note is a line or two; a longer paragraph that mentions a review or an issue is prose. */
const MAX_EDITION_NOTE = 300
/** A reviewer's credit is a byline's length. */
const MAX_REVIEW_CREDIT = 200

/**
 * "Medically reviewed by …", "Fact checked by …", "Reviewed by our editors",
 * opening the line or after a byline's separator ("Written by A | Reviewed by B").
 * In prose, "a transcript reviewed by Business Insider" never opens a line.
 */
const REVIEWED_BY =
  /(?:^|[|•·]\s*)\W*(?:(?:medically|clinically|scientifically|expert|medizinisch|fachlich|wissenschaftlich|redaktionell|médicalement)\s+)?(?:reviewed|fact[- ]?checked|verified|checked|geprüft|überprüft|revisado|revisión médica|vérifié|relu|verificato|zweryfikowan\w*|sprawdzon\w*)\s+(?:and\s+\w+\s+)?(?:by|von|por|par|da|przez)\b/iu
/** "Our editors review every article", "Faktencheck:": a label of the house's checking. */
const REVIEW_LABEL =
  /^\W*(?:(?:medical|expert|editorial)\s+review(?:er)?|fact[- ]?check(?:ed|er)?|faktencheck|fachliche prüfung|medizinische prüfung|revisión médica)\s*[:：]/iu

/** "Dieser Text … wurde von Medizinern geprüft", "This article was reviewed by our editors": the house's check, in a sentence. */
const REVIEWED_TEXT =
  /^\W*(?:this|the|dieser|der|dieses|das|ce|cet|este|questo) (?:text|article|artikel|beitrag|content|inhalt|page|post|texte|artículo|articolo)\b.{0,160}\b(?:(?:wurde|ist|was|has been|is|a été|fue|è stato)\s+(?:\S+\s+){0,6}?(?:geprüft|überprüft|reviewed|fact[- ]?checked|verified|vérifié|revisado|verificato)|(?:medically |fachlich |medizinisch )?(?:reviewed|fact[- ]?checked|geprüft|überprüft) (?:by|von))(?!\p{L})/iu
/** "Cite this article:", "Diese Folge zitieren:": how to cite the page, a label set under it. */
const CITE_THIS =
  /^\W*(?:cite this (?:article|episode|page|post|paper|story)|(?:diese[ns]?|den) (?:artikel|beitrag|folge|episode|seite|text) zitieren|zitiervorschlag|citer cet (?:article|épisode)|citar este (?:artículo|episodio)|cita questo articolo|jak cytować)\s*[:：]/iu

/** "A version of this article appears in print on …", "This article appeared in the print edition of …". */
const IN_PRINT: readonly RegExp[] = [
  /^\W*(?:a version of )?(?:this|the) (?:article|story|piece|essay|interview|review|column|report) (?:appears?|appeared|ran|was published|was printed|is published|is from|first appeared)\b.{0,80}\b(?:print|edition|issue|magazine)\b/i,
  /^\W*(?:from (?:the|our)|in our) (?:\S+\s+){0,4}(?:print edition|magazine|issue)\b.{0,60}$/i,
  /\b(?:read (?:more|it|this) in|pick up|find (?:it|more) in|buy) (?:our|the) (?:\S+\s+){0,4}(?:issue|print edition)\b/i,
  /^\W*(?:dieser|der|dieses|das) (?:artikel|beitrag|text|interview|essay)\b(?=.{0,120}\b(?:erschien\w*|stammt)\b)(?=.{0,120}(?:ausgabe|heft|magazin|zeitung)\b)/iu,
  /^\W*(?:erschienen in|aus (?:der|dem) (?:\S+\s+){0,3}(?:ausgabe|heft|magazin))\b/iu,
  /^\W*(?:cet article|cette chronique|article) (?:est paru|a paru|a été publié|paru) (?:dans|en)\b.{0,60}\b(?:édition|numéro|magazine|journal)\b/iu,
  /^\W*(?:este artículo|esta nota|artículo) (?:fue publicado|se publicó|apareció|publicado) en\b.{0,60}\b(?:edición|número|revista|impres[ao])\b/iu,
  /^\W*(?:questo articolo|l['’]articolo) (?:è uscito|è stato pubblicato|è apparso)\b.{0,60}\b(?:numero|edizione|cartaceo|rivista)\b/iu,
]

/** A reviewer's or fact-checker's credit, or a pointer to the print edition or issue that carried the article. */
export function isEditionNote(text: string): boolean {
  if (weightedLength(text) > MAX_EDITION_NOTE) return false
  if (REVIEW_LABEL.test(text) || REVIEWED_TEXT.test(text) || CITE_THIS.test(text)) return true
  if (IN_PRINT.some((re) => re.test(text))) return true
  return weightedLength(text) <= MAX_REVIEW_CREDIT && REVIEWED_BY.test(text)
}
