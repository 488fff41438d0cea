/**
 * Lines a page sets between or after the paragraphs of an article that are
 * about the page, not the story: disclosures and house rules (affiliate
 * links, comment moderation, reprint terms), post metadata ("This entry was
 * posted in …"), "read also" pointers, end-of-article promos (newsletters,
 * subscriptions, "view our earlier … here") and breadcrumbs. The patterns
 * cover the languages of the development set; the breadcrumb rule is
 * structural.
 */
import { isAppeal } from './appeals.js'
import { isEditionNote } from './edition-notes.js'
import { isMediaNotice } from './media-notices.js'
import { endsLikeSentence, weightedLength } from './text.js'

export type Notice = 'notice' | 'promo' | 'breadcrumb'

/** Notices are a sentence or two; a longer paragraph that mentions comments or links is prose. */
const MAX_NOTICE = 300

const DISCLOSURES: readonly RegExp[] = [
  /\baffiliate[- ]?(?:links?|partner|programs?|marketing)\b/i,
  /\b(?:we|i|site|they)\s+(?:may\s+)?(?:earn|receive|get)s?\s+(?:a\s+)?(?:small\s+)?(?:commission|compensation|a share of sales)\b/i,
  /\b(?:erhält|erhalten|bekommt|bekommen)\b.{0,40}\bprovision\b|\bprovision\b.{0,20}\b(?:erhält|erhalten|bekommt|bekommen)\b/i,
  /\b(?:enthält|beinhaltet)\s+(?:unbezahlte\s+|bezahlte\s+)?(?:werbung|affiliate|anzeigen)\b/i,
  /^\W*(?:anzeige|werbung|advertorial|publicidad|reklama|publicité)\b\s*(?:[|:(–—-].{0,60})?$/i,
  /\b(?:this|the)\s+(?:post|article|page|story|content)\s+(?:may\s+)?(?:contains?|includes?)\s+(?:affiliate|sponsored|paid)\b/i,
  /\b(?:copyrighted property|all rights reserved|alle rechte vorbehalten|todos los derechos reservados|tous droits réservés|wszelkie prawa zastrzeżone)\b/i,
  /\b(?:written permission|without (?:the )?(?:express )?permission)\b.{0,60}\b(?:reprint|reproduc|republish)/i,
  /^(?:dieser|der)\s+(?:beitrag|artikel|text)\s+(?:gibt|spiegelt)\b.{0,40}\bmeinung\b/i,
  /\b(?:views|opinions)\s+expressed\b.{0,80}\b(?:author|writer)s?\b/i,
  // A reviewer's note that the publisher sent the book or product: "Vielen Dank … für das Rezensionsexemplar".
  /\b(?:rezensionsexemplar\w*|leseexemplar\w*|service de presse|exemplaire (?:de presse|offert)|egzemplarz\w* recenzenck\w*)\b/iu,
  /\b(?:received|provided|sent|gifted|thanks?)\b.{0,60}\b(?:review|advance reader|advance review) cop(?:y|ies)\b/i,
]

/** House rules for comments, and the prompts of a comment form. */
const COMMENT_RULES: readonly RegExp[] = [
  /\bcomments?\s+(?:are|is|will be|may be|must be)\s+(?:\w+\s+)?(?:moderated|closed|reviewed|approved|subject to)\b/i,
  /\b(?:comment|commenting|discussion)\s+(?:policy|guidelines|rules|section)\b/i,
  /\bkommentar\w*\s+(?:werden|sind|wird|ist)\s+(?:\w+\s+){0,3}(?:moderiert|geschlossen|freigeschaltet|geprüft)/i,
  /\bkommentar\w*\b.{0,80}\b(?:netiquette|beschimpfung\w*|beleidigung\w*|gehässigkeit)|\b(?:netiquette|beschimpfung\w*|beleidigung\w*|gehässigkeit)\b.{0,80}\bkommentar/i,
  /\b(?:log ?in|sign ?in|register)\b.{0,40}\bto (?:comment|post a comment|leave a comment|reply)\b/i,
  /^(?:leave a (?:comment|reply)|kommentar schreiben|kommentare schreiben|kommentieren|dejar un comentario|laisser un commentaire|skomentuj)\b/i,
]

const POST_META: readonly RegExp[] = [
  /^(?:this\s+(?:entry|post)\s+was\s+(?:posted|filed)|posted\s+in\b|filed\s+(?:under|in)\b|tagged\s*(?:with)?\s*:|bookmark the permalink|abgelegt unter\b|veröffentlicht (?:in|unter)\b|kategorie(?:n)?\s*:|schlagwörter\s*:|tags?\s*:)/i,
  /\bbookmark the permalink\b/i,
]

/** "Voir en annexe : …", "See the appendix": a note pointing to another part of the page, not the story. */
const APPENDIX_POINTER =
  /^(?:see|voir|siehe|véase|ver|vedi|zie|zobacz)\s+(?:(?:also|aussi|auch|en|in|im|the|el|la|l['’]|den|de)\s*)*(?:annexe?s?|appendix|appendices|anhang|anhänge|anexos?|allegat[oi]|bijlage|aneks|załącznik\w*)(?!\p{L})/iu

const READ_ALSO_LABEL =
  '(?:' +
  'read also|also read|see also|you (?:may|might) also (?:like|enjoy)|related(?: posts| articles| stories)?|more (?:about|on) this|lesen sie (?:auch|mehr|hier)|auch lesen|mehr zum thema|mehr dazu|weitere (?:artikel|beiträge|informationen|infos|themen)|das könnte (?:dich|sie|euch) auch interessieren|empfohlene (?:artikel|beiträge)|czytaj (?:też|także|również|więcej)|zobacz (?:też|także|również)|przeczytaj (?:też|także|również)|à lire aussi|lire aussi|voir aussi|le puede interesar|lee también|leer más|ver también|mire|veja também|leia (?:também|mais)|leggi anche|vedi anche' +
  ')'
const READ_ALSO = new RegExp(`^${READ_ALSO_LABEL}(?=[\\s:：»›>|–—-]|$)\\s*(?:[:：»›>|–—-]|$)`, 'iu')
/** The label run straight into the linked title it points to: "Lire aussi Jane Doe, « Title »". */
const READ_ALSO_OPENING = new RegExp(`^${READ_ALSO_LABEL}\\s+\\S`, 'iu')

/** "Related posts", "Mehr zum Thema", "Czytaj też:": a label pointing to other articles. */
export function isReadAlso(text: string): boolean {
  return READ_ALSO.test(text)
}

/** A "read also" label opening a line, with or without a separator after it. */
export function opensWithReadAlso(text: string): boolean {
  return READ_ALSO.test(text) || READ_ALSO_OPENING.test(text)
}

const PROMOS: readonly RegExp[] = [
  /\byour inbox\b/i,
  /\b(?:in|ins|in ihr|in dein)\s+(?:ihr(?:em)?\s+|dein(?:em)?\s+)?postfach\b/i,
  /^(?:subscribe|get|order|try|save)\b.{0,120}(?:\bsubscription\b|\bmagazine\b|\bprint edition\b|\bissues?\b|[$€£]\s?\d)/i,
  /\b(?:to|please)\s+(?:view|read|see|continue reading|access|unlock)\s+(?:the\s+)?(?:full|whole|rest of the|entire)\s+(?:story|article|post|text)\b/i,
  /\b(?:if you(?:['’]re| are) (?:already )?a subscriber|already (?:a )?subscriber)\b/i,
  /^(?:you can|click|tap|find|see)\s+(?:view|read|find|see|browse|watch|listen to|here)\b.{0,120}\bhere\b[.!]?$/i,
  /\b(?:must|need to) be (?:logged|signed) in\b/i,
  /\b(?:eingeloggt|angemeldet) sein\b/i,
  /^(?:dieser|der)\s+(?:beitrag|artikel|text)\s+(?:stammt aus|erschien (?:zuerst |ursprünglich )?in)\b/i,
  /^(?:this|the)\s+(?:article|story|piece|essay|post)\s+(?:appears?|appeared|is from|was published)\s+in\s+(?:the\s+)?(?:\w+\s+){0,4}(?:issue|edition)\b/i,
  /\b(?:join|follow)\s+(?:us|our)\b.{0,60}\b(?:telegram|whatsapp|newsletter|channel|canal|kanal)\b/i,
  /\b(?:canal|channel|kanal)\s+(?:de|on|auf)\s+(?:telegram|whatsapp)\b/i,
  // A sign-up form's small print: "You can unsubscribe at any time", "Vous pourrez à tout moment vous désabonner".
  /\bunsubscrib\w*\b/i,
  /(?<!\p{L})(?:at any time|anytime|jederzeit|à tout moment|en cualquier momento|in qualsiasi momento|a qualquer momento|w każdej chwili)\b.{0,60}(?:abbestell|abmeld|désabonn|désinscri|de baja|disiscriv|cancelar|wypisa|opt[- ]?out)|(?:abbestell|abmeld|désabonn|désinscri|de baja|disiscriv|wypisa|opt[- ]?out)\w*.{0,30}(?<!\p{L})(?:at any time|anytime|jederzeit|à tout moment|en cualquier momento|in qualsiasi momento|a qualquer momento|w każdej chwili)(?!\p{L})/iu,
  // A push-notification prompt: "Get updates on this device", "Erhalte Updates direkt auf dieses Gerät".
  /^(?:get|receive|enable|turn on|allow|erhalte|erhalten sie|aktiviere|aktivieren sie|recibe|activa|recevez|activez)\b.{0,40}\b(?:updates|notifications|benachrichtigungen|mitteilungen|notificaciones)\b.{0,40}\b(?:device|gerät|browser|dispositivo|appareil)\b/iu,
]

/** A server's error message printed into the page: "Warning: mysql_connect(): … in /www/htdocs/… on line 12". */
const SERVER_ERROR =
  /^(?:(?:PHP )?(?:Warning|Notice|Deprecated|Strict Standards|Fatal error|Parse error|Catchable fatal error))\s*:.{0,300}\bin\s+(?:\/|[A-Z]:\\)\S+(?:\s+on line\s+\d+)?/

/** "Durchschnitt: 4.6 (7 Bewertungen)", "4.5 out of 5 (120 ratings)": a rating widget's line. */
const RATING =
  /^[^.!?]{0,40}\d(?:[.,]\d+)?\s*(?:\/\s*\d+|out of \d+|von \d+|sur \d+|de \d+)?\s*\(?\s*\d+\s+(?:ratings?|votes?|reviews?|bewertungen|stimmen|avis|votos|valoraciones|ocen\w*)\s*\)?[.\s]*$/i

/** Words around the date of a dateline, in the development set's languages. */
const DATE_LABELS: ReadonlySet<string> = new Set(
  'article mis à jour le la publié publiée modifié stand des artikels artikel uhr aktualisiert am um veröffentlicht zuletzt erstellt erschienen datum vom actualizado publicado el a las los de fecha zaktualizowano opublikowano dnia o godz data aggiornato pubblicato il alle ore updated published posted on at last modified date h'.split(
    ' ',
  ),
)
const DATE = /\b\d{1,2}(?:\.\s?|\s)\p{L}{3,}\.?\s\d{4}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b/u

/** A date and a label: "Article mis à jour le 7 janvier 2020.", "Stand des Artikels: 26. Februar 2020, 12:30 Uhr". */
function isDateLine(text: string): boolean {
  if (weightedLength(text) > 100 || !DATE.test(text)) return false
  const rest = text
    .replace(DATE, ' ')
    .replace(/\b\d{1,2}[:.h]\d{2}\b/g, ' ')
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean)
  return rest.every((word) => DATE_LABELS.has(word))
}

/**
 * "News » World » Europe", "> Blog > Länder > Title": three or more short
 * steps, no sentence. Only a trail drawn with arrows may end in the page's
 * own title, question mark and all ("Forum > iPhone > No App Store?"):
 * prose has slashes and bars, not two arrows.
 */
export function isBreadcrumb(text: string): boolean {
  if (weightedLength(text) > 200) return false
  if (endsLikeSentence(text) && (text.match(/[»›>→]/g)?.length ?? 0) < 2) return false
  const steps = text.split(/\s*[»›>/|→]\s*/).filter((step) => step.trim() !== '')
  const separators = text.match(/[»›>/|→]/g)?.length ?? 0
  if (separators < 2 || steps.length < 2) return false
  return steps.every((step) => weightedLength(step) <= 80 && !/[.!?]\s/.test(step))
}

/** A phone or fax number with its label or country code, or an e-mail address. */
const CONTACT =
  /\b(?:tel|telefon|telephone|phone|fon|fax|mobil|mobile|tél|téléphone|teléfono|telefono)\b\.?\s*:?\s*\+?\(?\d[\d\s/().-]{5,}\d|(?:^|\s)\+\d{1,3}[\s(]+\d[\d\s/().-]{5,}\d|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/iu
/** "Follow me on Instagram", in the development set's languages: a bio's or a promo's closing line. */
const FOLLOW =
  /(?:^|[.!?]\s+)(?:follow|folg(?:e|t|en)?|suivez|suis|s[ií]gue(?:me|nos)?|segu[ií](?:me|nos)|seguici|seguimi|obserwuj)\b.{0,60}\b(?:facebook|twitter|instagram|linkedin|tiktok|youtube|threads|bluesky|mastodon|pinterest)\b/iu

/**
 * An address block (name, department, street, "Tel: +49 …", "E-Mail"): contact
 * data in a paragraph that does not read as a sentence. A sentence that
 * mentions a number or an address is prose.
 */
function isContactBlock(text: string): boolean {
  return weightedLength(text) <= MAX_NOTICE && CONTACT.test(text) && !endsLikeSentence(text)
}

export function classifyNotice(text: string): Notice | null {
  const len = weightedLength(text)
  if (len > MAX_NOTICE) return null
  if (FOLLOW.test(text)) return 'promo'
  if (isContactBlock(text)) return 'notice'
  if (isReadAlso(text)) return 'promo'
  if (APPENDIX_POINTER.test(text)) return 'notice'
  if (PROMOS.some((re) => re.test(text)) || isAppeal(text)) return 'promo'
  if (isMediaNotice(text) || isEditionNote(text)) return 'notice'
  if (DISCLOSURES.some((re) => re.test(text))) return 'notice'
  if (POST_META.some((re) => re.test(text))) return 'notice'
  if (SERVER_ERROR.test(text)) return 'notice'
  if (COMMENT_RULES.some((re) => re.test(text))) return 'notice'
  if (isBreadcrumb(text)) return 'breadcrumb'
  if (RATING.test(text) || isDateLine(text)) return 'notice'
  return null
}
