import type { BookingView as Booking } from "../../../schema/api/reception.ts";
import { formatDate, weekdayOf } from "../shared/dates.ts";
import { BOOKING_STATUS_LABELS } from "../shared/reception-labels.ts";

/**
 * The QR code as an image, never as markup: the SVG comes from our server, but an <img>
 * cannot run script or reach the page whatever it contains.
 */
export function QrImage({ svg, code }: { svg: string; code: string }) {
  return (
    <img
      class="qr"
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
      alt={`预约码 ${code} 的二维码，签到时出示`}
      width={180}
      height={180}
      data-testid="booking-qr"
    />
  );
}

/** The booking code, big, with its QR code and where and when to come. */
export function BookingCard({ booking }: { booking: Booking }) {
  const active = booking.status === "active";
  return (
    <div class="card booking" data-testid="booking">
      <div class="code-box">
        <dl class="code-box__pair">
          <dt class="code-box__label">预约码</dt>
          <dd class="code-box__code" data-testid="booking-code" data-code={booking.bookingCode}>
            {booking.bookingCode}
          </dd>
        </dl>
        {active && <QrImage svg={booking.qrSvg} code={booking.bookingCode} />}
        <p>
          <span
            class={`tag tag--large ${booking.status === "cancelled" ? "tag--bad" : "tag--ok"}`}
            data-testid="booking-status"
          >
            {BOOKING_STATUS_LABELS[booking.status] ?? booking.status}
          </span>
        </p>
      </div>
      <dl class="facts">
        <dt>接访时间</dt>
        <dd data-testid="booking-when">
          {formatDate(booking.date)}（{weekdayOf(booking.date)}）{booking.slotStart}
        </dd>
        <dt>地点</dt>
        <dd>{booking.venue}</dd>
        <dt>接访领导</dt>
        <dd>
          {booking.leaderName}
          {booking.leaderPosition && `（${booking.leaderPosition}）`}
          {booking.unitName && ` · ${booking.unitName}`}
        </dd>
        <dt>预约人</dt>
        <dd>
          {booking.name}
          {booking.headcount > 1 && `，共 ${booking.headcount} 人`}
        </dd>
        <dt>反映的问题</dt>
        <dd>{booking.topic}</dd>
      </dl>
    </div>
  );
}

export function WhatToBring() {
  return (
    <div class="card">
      <h2>来访须知</h2>
      <ul>
        <li>请在预约时段前 10 分钟到达，向工作人员出示预约码或二维码签到，领取排队号。</li>
        <li>请携带本人身份证；集体来访请推选不超过 5 名代表。</li>
        <li>请带上与反映问题有关的材料（如合同、票据、此前的答复意见等）。</li>
        <li>签到后可在“我的预约”页面查看排队进度，轮到您时页面会提示。</li>
        <li>不能按时前来，请提前取消或改约，把时段留给其他群众。</li>
      </ul>
    </div>
  );
}
