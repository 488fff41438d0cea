/**
 * A paywall's offer printed where the story's text stops for readers without
 * a subscription: "Read the full article with a subscription", "Weiterlesen
 * mit Z+", "Cet article est réservé aux abonnés", the plans and their prices,
 * a membership's promise of unlimited access, the login prompt. Pages set it
 * above the one paragraph they show, or in its place; it is never the lede.
 */
import { endsLikeSentence, weightedLength } from './text.js'

/** An offer is a few lines; a longer paragraph that mentions subscriptions is prose about them. */
const MAX_OFFER = 300

/** Words that name a subscription or a subscriber, in the languages of the corpora. */
const SUBSCRIPTION =
  '(?:subscri\\w*|abo|abos|abonnement\\w*|abonn[eé]\\w*|abonniere\\w*|suscri\\w*|abbonat\\w*|abbonament\\w*|assinante\\w*|assinatura|prenumerat\\w*|digital[- ]?abo)'

const OFFERS: readonly RegExp[] = [
  // "Read the full article with a subscription", "Lesen Sie den ganzen Artikel mit Ihrem Digital-Abo".
  new RegExp(
    `\\b(?:read|continue reading|keep reading|lesen sie|weiterlesen|weiter ?lesen|lisez|lire la suite|seguir leyendo|sigue leyendo|continua a leggere|czytaj dalej)\\b.{0,60}(?<!\\p{L})(?:with|mit|avec|con|com|z)\\s+(?:\\S+\\s+){0,2}${SUBSCRIPTION}(?!\\p{L})`,
    'iu',
  ),
  // "Subscribe to continue reading", "Abo abschließen und weiterlesen".
  new RegExp(
    `^\\W*(?:(?:jetzt|now)\\s+)?${SUBSCRIPTION}(?!\\p{L}).{0,40}\\b(?:to (?:read|continue|keep reading|unlock)|und weiterlesen|pour lire|para seguir leyendo|per continuare)`,
    'iu',
  ),
  // "This article is reserved for subscribers", "Dieser Artikel ist exklusiv für Abonnenten".
  /^(?:this|dieser|der|cet|cette|este|esta|questo|ten)\s+(?:article|story|content|artikel|beitrag|inhalt|contenu|artículo|contenido|articolo|contenuto|artykuł)\b.{0,60}\b(?:subscribers|members|abonnenten|abonnentinnen|abonnés|suscriptores|abbonati|assinantes|prenumeratorów)\b/iu,
  // "Already a subscriber?", "Bereits Abonnent?", "Déjà abonné ?", "¿Ya eres suscriptor?".
  /^\W*(?:already|bereits|schon|déjà|ya|già|já)\b.{0,20}\b(?:subscriber|abonnent\w*|abonnée?s?|suscriptor\w*|abbonat\w*|assinante|registriert|registered|inscrit\w*)\b/iu,
]

/** A price with its currency: "€ 9,99", "4.99 $", "£1". */
const PRICE = /(?:[€$£]\s?\d+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?\s?(?:€|\$|£|eur|euro|chf)(?!\p{L}))/iu
/** The period a plan's price is for. */
const PERIOD =
  /(?<!\p{L})(?:month|monthly|week|weekly|year|yearly|monat\w*|woche\w*|jahr|jährlich|mois|par an|semaine|mes|mensual|año|semana|mese|anno|mês|miesiąc\w*)(?!\p{L})/iu
const PLAN = new RegExp(
  `(?<!\\p{L})(?:${SUBSCRIPTION}|premium|trial|testen|essai|prueba|kündbar|cancel)(?!\\p{L})`,
  'iu',
)
/** The offer speaks to the reader: a story about prices does not. */
const TO_THE_READER = /(?<!\p{L})(?:you|your|jetzt|now|vous|votre|ahora|agora|teraz|ora)(?!\p{L})/iu

/** Unlimited access promised to the reader: "you'll get unlimited digital access", "accès illimité". */
const UNLIMITED_ACCESS =
  /(?<!\p{L})(?:unlimited\s+(?:\p{L}+\s+)?access|unbegrenzte[nm]?\s+(?:\p{L}+\s+)?(?:zugriff|zugang)|accès\s+illimité|acceso\s+ilimitado|accesso\s+illimitato)(?!\p{L})/iu
const PRICES = new RegExp(PRICE.source, 'giu')
/** A line of a plan's prices is short and no sentence: "99,00 EUR im 1. Jahr danach 122,40 EUR / Jahr". */
const MAX_PRICE_LINE = 80

/** A membership pitch runs to a few sentences of what the reader gets. */
const MAX_PITCH = 400

export function isPaywallOffer(text: string): boolean {
  const length = weightedLength(text)
  if (length <= MAX_PITCH && UNLIMITED_ACCESS.test(text) && TO_THE_READER.test(text)) return true
  if (length > MAX_OFFER) return false
  if (OFFERS.some((re) => re.test(text))) return true
  if (!PRICE.test(text) || !PERIOD.test(text)) return false
  // A plan and its price: "Z+ testen: 4 Wochen für 1 €, danach monatlich kündbar".
  if (PLAN.test(text) && TO_THE_READER.test(text)) return true
  // A plan's first price and the one after it, with nothing else to say.
  return length <= MAX_PRICE_LINE && !endsLikeSentence(text) && (text.match(PRICES)?.length ?? 0) >= 2
}
