/**
 * Lines a page sets in the article for its players and embeds rather than
 * the story: a text-to-speech or audio player's button and notice ("Listen
 * to this article · 5 min", "Artikel vorlesen lassen"), and the placeholder
 * an embedded video or widget shows until the reader consents to its
 * provider ("Wenn Sie dieses Video abspielen, erfolgt eine Datenübertragung
 * an YouTube", "To view this content, please accept cookies"), and a
 * widget's line about its own button. The patterns cover the languages of
 * the development set.
 */
import { weightedLength } from './text.js'

/** A player's line is a label or a sentence or two; a longer paragraph about audio or video is prose. */
const MAX_MEDIA_NOTICE = 300

/** "Listen to this article", "Écouter cet article", "Listen · 5 min": the player's button, opening the line. */
const LISTEN =
  /^\W*(?:listen|écouter|escuchar?|escucha|ascolta(?:re)?|ouça|ouvir|posłuchaj|odsłuchaj|beluister|hören sie)(?:\s+to)?(?:\s+(?:this|the|den|diesen|das|dieses|cet|el|este|esta|la|questo|tego|dit|het)\s+|\s+l['’]\s*|\s+)(?:article|story|post|audio|podcast|episode|artikel|beitrag|nachricht|noticia|artículo|nota|articolo|artigo|notícia|artykuł\w*)(?!\p{L})|^\W*listen\W*(?:\d+\s*min\w*|\d{1,2}:\d{2})\W*$/iu
/** "Artikel vorlesen lassen", "Diesen Artikel anhören": the same button with the verb last, as German sets it. */
const LISTEN_LAST = /^\W*(?:diesen\s+|den\s+)?(?:artikel|beitrag|text)\s+(?:vorlesen(?:\s+lassen)?|anhören)\b/iu
/** "Audio version", "Voiced by artificial intelligence", "This article is also available as audio". */
const AUDIO_NOTES: readonly RegExp[] = [
  /^\W*(?:audio(?:\s+version)?|hörfassung|audiofassung|version audio|versión (?:en )?audio)\s*[:：·|–—-]?\s*(?:\d{1,2}:\d{2}|\d+\s*min\w*)?\W*$/iu,
  /\bvoiced by (?:artificial intelligence|ai)\b|\b(?:read|narrated) (?:aloud )?by (?:an? )?(?:ai|automated|synthetic|computer)/i,
  /\b(?:this|the|dieser|der) (?:article|story|artikel|beitrag) (?:is|ist) (?:also )?(?:available|verfügbar|erhältlich) (?:as|in|als) (?:an? )?(?:audio|podcast|hörfassung)/i,
]

/** "Mit diesem Button kannst Du diese Episode … hinzufügen", "This button lets you …": a widget explaining itself. */
const THIS_BUTTON =
  /\b(?:(?:with|using) this button,? you can|this button (?:lets|allows) you|mit (?:diesem|dem) (?:button|knopf) (?:kannst du|können sie)|avec ce bouton,? vous pouvez|con este botón,? (?:puedes|puede))\b/iu

/** Words naming the embedded thing a placeholder stands in for. */
const EMBED =
  /\b(?:videos?|inhalte?|content|embed\w*|widget|player|tweet|podcast|karte|map|iframe|contenu|contenido|contenuto|youtube|vimeo|twitter|instagram|facebook|spotify|soundcloud|datawrapper|newsletter[- ]?anmeldung)\b/iu
/** What the placeholder asks: consent, cookies, the provider's privacy terms, a transfer of data. */
const CONSENT =
  /\b(?:zustimmung|zustimmen|stimmen sie|einwillig\w*|datenübertragung|daten\w* (?:an|übertragen|übermittelt)|datenschutzerklärung|datenschutzbestimmungen|consent|accept(?:ing)? (?:the )?(?:cookies|privacy)|enable cookies|privacy policy|third[- ]party (?:content|provider|cookies)|externe[rn]? (?:inhalte?|anbieter)|consentement|accepter les cookies|aceptar (?:las )?cookies|consentimiento|consenso)\b/iu

/** A placeholder speaks to the reader: "if you", "please", "wenn Sie", "en cliquant". Prose about privacy does not. */
const ADDRESS =
  /\b(?:if you|you (?:must|need to|have to|agree|accept|consent)|by (?:clicking|loading|playing|accepting)|click|please|wenn (?:sie|du)|klicken sie|mit (?:dem|einem) (?:klick|laden|abspielen)|bitte|si vous|en cliquant|veuillez|al (?:hacer clic|cargar)|haga clic|por favor|se accetti|cliccando)\b/iu

function isConsentPlaceholder(text: string): boolean {
  return EMBED.test(text) && CONSENT.test(text) && ADDRESS.test(text)
}

/** A player's button or notice, or an embed's consent placeholder. */
export function isMediaNotice(text: string): boolean {
  if (weightedLength(text) > MAX_MEDIA_NOTICE) return false
  if (LISTEN.test(text) || LISTEN_LAST.test(text)) return true
  return AUDIO_NOTES.some((re) => re.test(text)) || THIS_BUTTON.test(text) || isConsentPlaceholder(text)
}
