/**
 * Every icon the pages show, in one place. The shapes come from Lucide (`lucide`, ISC), imported one by one so the
 * bundler keeps only these; Lucide's own Preact package declares Preact 10 only, so the few lines that draw an icon
 * node as SVG live here. Icons are inline SVG: no emoji font or icon font is needed (Debian's Chromium has no emoji
 * font and showed empty boxes).
 *
 * Add an icon: import it from 'lucide' below and export a component with `icon(...)`.
 */
import type { JSX } from 'preact';
import {
  TriangleAlert, ArrowLeft, Building, Check, ChevronDown, ChevronRight, CircleAlert, Clock, Copy, Download,
  ExternalLink, Link as LinkGlyph, Mail, MapPin, NotebookPen, PanelRight, Pencil, Phone, PhoneOff, Plus, Search,
  Settings, Tag, Trash, Undo2, Upload, User, Users, X,
} from 'lucide';

type IconNode = [tag: string, attrs: Record<string, string | number | undefined>][];

export interface IconProps {
  /** pixels; the type scale's icon size by default (1em of the surrounding text would be too small in chips) */
  size?: number;
  /** an icon that says something on its own gets a label; one beside its words is hidden from screen readers */
  label?: string;
  class?: string;
}

function icon(node: IconNode, name: string) {
  const C = (props: IconProps): JSX.Element => (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={props.size ?? 16}
      height={props.size ?? 16}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width={2}
      stroke-linecap="round"
      stroke-linejoin="round"
      class={`icon${props.class ? ` ${props.class}` : ''}`}
      data-icon={name}
      {...(props.label ? { role: 'img', 'aria-label': props.label } : { 'aria-hidden': 'true', focusable: 'false' })}
    >
      {props.label && <title>{props.label}</title>}
      {node.map(([tag, attrs]) => {
        const Tag = tag as unknown as 'path';
        return <Tag {...(attrs as Record<string, string>)} />;
      })}
    </svg>
  );
  C.displayName = `Icon(${name})`;
  return C;
}

export const IconAlert = icon(TriangleAlert, 'alert');
export const IconBack = icon(ArrowLeft, 'back');
export const IconCall = icon(Phone, 'call');
export const IconCallEnd = icon(PhoneOff, 'call-end');
export const IconCheck = icon(Check, 'check');
export const IconClock = icon(Clock, 'clock');
export const IconClose = icon(X, 'close');
export const IconCompany = icon(Building, 'company');
export const IconCopy = icon(Copy, 'copy');
export const IconDelete = icon(Trash, 'delete');
export const IconEdit = icon(Pencil, 'edit');
export const IconEmail = icon(Mail, 'email');
export const IconError = icon(CircleAlert, 'error');
export const IconExpand = icon(ChevronRight, 'expand');
export const IconCollapse = icon(ChevronDown, 'collapse');
export const IconExport = icon(Download, 'export');
export const IconExternal = icon(ExternalLink, 'external');
export const IconImport = icon(Upload, 'import');
export const IconLink = icon(LinkGlyph, 'link');
export const IconLocation = icon(MapPin, 'location');
export const IconNote = icon(NotebookPen, 'note');
export const IconPerson = icon(User, 'person');
export const IconPeople = icon(Users, 'people');
export const IconPhone = icon(Phone, 'phone');
export const IconPlus = icon(Plus, 'plus');
export const IconSearch = icon(Search, 'search');
export const IconSettings = icon(Settings, 'settings');
export const IconSidePanel = icon(PanelRight, 'side-panel');
export const IconTag = icon(Tag, 'tag');
export const IconUndo = icon(Undo2, 'undo');
