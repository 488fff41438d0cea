/**
 * What a page asks of its reader between or after the paragraphs of an
 * article: to donate or support it ("Unterstützen Sie uns", "Support our
 * journalism", "We don't hide our stories behind a paywall"), or to get its
 * app ("Die App jetzt kostenlos für iOS und Android"). The patterns cover the
 * languages of the development set; each needs the page to speak of itself
 * (we, us, our) or to the reader, as an appeal does and a report does not.
 */
import { weightedLength } from './text.js'

/** An appeal is a sentence or three; a longer paragraph about donations or apps is prose. */
const MAX_APPEAL = 300

/** Where an imperative opens a sentence: an ask, not a report of one ("he asked them to donate"). */
const OPENS = String.raw`(?:^|[.!?]\s+)(?:please\s+|bitte\s+|deshalb\s+|daher\s+|jetzt\s+)?`

const APPEALS: readonly RegExp[] = [
  // "Support us", "Unterstütze uns (monatlich oder einmalig)", "Soutenez-nous", "Apóyanos".
  new RegExp(
    `${OPENS}(?:support us|donate|(?:make|give) a (?:one-off |one-time |monthly |small )?(?:donation|contribution))\\b`,
    'iu',
  ),
  /\b(?:unterstütze uns|unterstützen sie uns|spenden sie|jetzt spenden|soutenez-nous|faites un don|apóyanos|haz una donación|sostienici|dona ora|wesprzyj nas|wpłać|steun ons)(?!\p{L})/iu,
  /\bsupport (?:our|my) (?:\w+\s+)?(?:journalism|reporting|work|newsroom|site|blog|magazine)\b/i,
  // "Wir wollen unsere Themen nicht hinter einer Bezahlschranke verstecken": a donation ask's opening line.
  /\b(?:we|our|wir|unsere?)\b.{0,80}\b(?:behind|hinter)\s+(?:a|an|einer?)\s+(?:paywall|bezahlschranke)\b/iu,
  // "Download our app", "Laden Sie unsere App herunter".
  new RegExp(
    `${OPENS}(?:download|get|install|lade|laden sie|hol dir|holen sie sich|téléchargez|descarga|scarica)\\s+(?:now\\s+|jetzt\\s+)?(?:our|unsere?|notre|nuestra|la nostra)\\s+(?:\\S+\\s+){0,2}?(?:app|application|aplicación|applicazione)\\b`,
    'iu',
  ),
]

/** "Die Sport-App jetzt kostenlos für iOS und Android!": a slogan for the site's app, no sentence about it. */
const APP_SLOGAN = /\bapp\b.{0,40}\b(?:jetzt|now|gratis|kostenlos|free)\b.{0,40}\b(?:ios|android)\b/iu
const MAX_SLOGAN = 120

/** A donation or support ask, or a plug for the site's app. */
export function isAppeal(text: string): boolean {
  const length = weightedLength(text)
  if (length > MAX_APPEAL) return false
  return APPEALS.some((re) => re.test(text)) || (length <= MAX_SLOGAN && /!\s*$/.test(text) && APP_SLOGAN.test(text))
}
